#!/usr/bin/env python3
"""Builds the lexicon of the Chinese name detector (node/privacy/detect_zh_names.cc).

Run at build time by a CMake custom command; writes a C++ include file into the build tree:

    make_zh_lexicon.py --dict /usr/lib/python3/dist-packages/jieba/dict.txt \
        --uconv /usr/bin/uconv --out zh_lexicon.inc

The detector segments Chinese text with a unigram word model (the best path through a lattice
of dictionary words, single characters and candidate names), so it needs:

- a dense id for every Han character of the dictionary, the traditional forms sharing the id of
  their simplified form (ICU's Hans-Hant transliteration, through `uconv`, gives them), so that
  陳建國 and 陈建国 are the same string to the model;
- per character, -ln P as a word of its own, as a surname, and as a character of a given name
  (first of two, second of two, a one-character given name);
- the words of 2-4 characters with their -ln P, in an open-addressing hash table laid out here
  so that nothing is built when the gate starts;
- the compound surnames, and the few words that say a name is near (titles after it, 老/小
  before a surname, words that introduce a person before it).

The word frequencies and the names come from jieba's dictionary (Debian's python3-jieba). Its
person-name tag (nr) is noisy: 高峰, 胡同, 李子 and 王府井 are tagged nr. So two-character nr
entries stay words (most are words; a real name among them, such as 李娜, is still found where
the context says a person is meant), longer nr entries are left out (they are names: the name
model should find them, not the word model swallow them), and the places jieba mis-tags are
listed here. The given-name character statistics come from the nr entries of three characters
and compound surname + two, which are overwhelmingly real names, plus the characters modern
given names use most (jieba's names lean historical and literary).

Costs are natural-log units, quantised: characters in tenths (uint8), words in eighths from 4.
"""

import argparse
import collections
import math
import subprocess
import sys

# ---------------------------------------------------------------------------------------------
# Hand-kept lists.

# Single-character surnames, most common first (China's household registration counts, roughly);
# a surname's prior is taken from its rank. Characters that are surnames but far more often
# function words (和, 于 is kept: it is a top-50 surname) are left out: 是 那 都 能 可 从 以 也
# 其 有 在 上 下 与 之.
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩邓冯曹彭曾肖田董潘袁蔡蒋余于杜叶程"
    "魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾"
    "龚邵万覃武钱戴严莫孔向常汤康易乔赖文施洪辛柯庄樊殷牛兰翟葛温伍齐安耿左申关聂祝焦欧包甘鲁"
    "古季谷宁涂梅纪俞尚管詹章苗单裴岳邢柴路华靳舒艾骆倪颜盛凌项童褚卜庞蓝滕房解戚霍桂阮符卓廉"
    "蒙麦鲍鄢饶晏简曲冉景吉岑粟茅阎娄佟楚邝宫隋栾商池邸滑查郁喻丰隆敖官冷卫花储时习卞连米穆车"
    "沙巩宗虞苟屈门计窦贝强巫闵丛杭鄂匡芦尤司雍荣鞠全邬苑边游衣都晋宿武植郦璩蓟訾钮缪宣贲党"
    "农闻莘寇殳祁毕仇揭燕冀蔺臧谈瞿桑郎"
)

# Compound surnames, most common first.
COMPOUND_SURNAMES = (
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 令狐 端木 西门 南宫 独孤 "
    "呼延 轩辕 东郭 闻人 澹台 公冶 宗政 濮阳 太叔 申屠 钟离 拓跋 赫连 完颜 左丘 公羊 仲孙 叔孙 "
    "巫马 公西 漆雕 司空 鲜于 闾丘 东门 羊舌 微生 百里 万俟 段干 乐正 颛孙 亓官 司寇"
).split()

# Characters modern given names use most. jieba's names are largely historical and literary, so
# without these 涵, 萱 or 梓 would look rarer in names than they are.
COMMON_GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志文斌宇浩凯鹏婷雪琳晶颖玉红梅俊辉"
    "鑫欣怡佳思子涵轩博瑞嘉雨萱泽晨阳宁飞海波峰亮林云莉燕萍玲丹慧倩蕾薇琪瑶璐婧珊菲悦彤妍诗雅"
    "晓小春秋冬梦露月星天龙虎鹤凤鸿宏荣兴旺福贵富安康健永长德成立新民生东南山江清婉淑贤惠巧美"
    "琴素翠珍珠宝金银钢锋剑毅坚伦森楠桐柏松兵武彬帅威雄豪琦珂煜昊晗钰依伊一乐家诚信仁义礼智忠"
    "良友芬芝香蓉荷莲菊霖媛娇妮姗婕岚冰洁舒心宸睿晟锦逸远航铭哲峻昕曦瀚翔鸣腾奇岩坤辰振耀光晖"
    "帆然若靖宜蓓菁韵梓萌蕊璇琛瑾馨雯茜妤岑朗旭炜骏驰卓越为红霞桂珍秀梅丽萍玉兰凤英芳艳华春兰"
    "俊杰子轩浩然梓涵一诺欣怡雨桐思彤宇航博文嘉怡芷若紫涵可馨"
)

# Characters that are never part of a given name in running text: particles, pronouns, the verbs
# and prepositions that follow or precede a name (说 在 住 和 给), measure words of dates.
FUNCTION_CHARS = (
    "的了着过在是和与及或说也都就把被让给从到对这那个们我你他她它吗呢吧啊呀么不没很太最又还再已"
    "等并却才该每各某哪谁啥怎什里住去叫请问找跟号年日岁次件位讲告打做用想要会能可得地之其以而比"
    "因所如于向被让将曾"
    # single-character verbs that follow a subject and never end a modern given name
    "帮来回到看买卖送拿带走坐跑写读听吃喝玩睡哭答觉教借还交找骂打"
    # transliterations of foreign names and places (布宜诺斯艾利斯), not Chinese given names
    "斯尔"
    # what ends the names of places (宋庄, 邹城, 高桥镇), never a given name
    "庄村镇乡县市区省州路街巷站楼院屯营店集坝沟寺庙城"
)

# Titles and kinship words after a surname or a full name: 王建国先生, 李女士, 张老师.
SUFFIX_TITLES = (
    "先生 女士 小姐 老师 医生 大夫 主任 经理 教授 博士 同学 同志 阿姨 大爷 大妈 大姐 大哥 大叔 "
    "大娘 师傅 律师 护士 警官 局长 处长 科长 厂长 校长 院长 所长 部长 市长 县长 镇长 村长 乡长 "
    "区长 省长 队长 班长 组长 社长 站长 馆长 行长 主席 书记 总监 总裁 董事长 总经理 老板 工程师 "
    "会计 委员 代表 秘书 助理 主管 主编 导演 教练 医师 太太 夫人 奶奶 爷爷 叔叔 伯伯 婆婆 "
    "老先生 老太太 老人家 家长 同事 阿婆 阿公 记者 警官 民警 干部 网格员 志愿者 社工 女儿 儿子"
).split()
# One-character titles (王总, 李工, 张姐): only where the text breaks right after them.
SHORT_SUFFIX_TITLES = "总工老哥姐叔婶伯嫂姨"
# Before a bare surname: 老王, 小李.
PREFIX_TITLES = "老小"
# Words after which a person's name is expected: 我叫王芳, 联系人：李娜, 请转告欧阳娜娜.
INTRODUCERS = (
    "叫 名叫 我叫 我是 是 姓名 名字 联系人 居民 市民 邻居 村民 业主 住户 租户 房东 患者 病人 "
    "学生 同学 同事 朋友 家属 丈夫 妻子 爱人 儿子 女儿 父亲 母亲 爸爸 妈妈 老公 老婆 和 跟 给 "
    "找 与 同 及 告诉 转告 通知 联系 感谢 谢谢 问 请 致 由 委托 签名 签字 负责人 经办人 申请人 "
    "报告人 投诉人 举报人 记录人 填表人 收件人 寄件人 户主 亲属 监护人 代理人 姓 人员 工作人员 "
    "志愿者 网格员 老师 医生 主任 经理 先生 女士"
).split()

# Places that begin with a surname character and that jieba tags as names (or lacks), and
# modern words it lacks: without them 小黄车 would read as 小黄 + 车.
EXTRA_WORDS = (
    "石家庄 张家口 秦皇岛 王府井 许昌 唐山 邯郸 邢台 保定 承德 沧州 廊坊 衡水 太原 大同 阳泉 "
    "长治 晋城 朔州 晋中 运城 忻州 临汾 吕梁 包头 乌海 赤峰 通辽 鄂尔多斯 呼伦贝尔 沈阳 大连 "
    "鞍山 抚顺 本溪 丹东 锦州 营口 阜新 辽阳 盘锦 铁岭 朝阳 葫芦岛 长春 吉林 四平 辽源 通化 "
    "白山 松原 白城 哈尔滨 齐齐哈尔 鸡西 鹤岗 双鸭山 大庆 伊春 佳木斯 七台河 牡丹江 黑河 绥化 "
    "南京 无锡 徐州 常州 苏州 南通 连云港 淮安 盐城 扬州 镇江 泰州 宿迁 杭州 宁波 温州 嘉兴 "
    "湖州 绍兴 金华 衢州 舟山 台州 丽水 合肥 芜湖 蚌埠 淮南 马鞍山 淮北 铜陵 安庆 黄山 滁州 "
    "阜阳 宿州 六安 亳州 池州 宣城 福州 厦门 莆田 三明 泉州 漳州 南平 龙岩 宁德 南昌 景德镇 "
    "萍乡 九江 新余 鹰潭 赣州 吉安 宜春 抚州 上饶 济南 青岛 淄博 枣庄 东营 烟台 潍坊 济宁 泰安 "
    "威海 日照 临沂 德州 聊城 滨州 菏泽 郑州 开封 洛阳 平顶山 安阳 鹤壁 新乡 焦作 濮阳 许昌 "
    "漯河 三门峡 南阳 商丘 信阳 周口 驻马店 武汉 黄石 十堰 宜昌 襄阳 鄂州 荆门 孝感 荆州 黄冈 "
    "咸宁 随州 长沙 株洲 湘潭 衡阳 邵阳 岳阳 常德 张家界 益阳 郴州 永州 怀化 娄底 广州 韶关 "
    "深圳 珠海 汕头 佛山 江门 湛江 茂名 肇庆 惠州 梅州 汕尾 河源 阳江 清远 东莞 中山 潮州 揭阳 "
    "云浮 南宁 柳州 桂林 梧州 北海 防城港 钦州 贵港 玉林 百色 贺州 河池 来宾 崇左 海口 三亚 "
    "三沙 儋州 成都 自贡 攀枝花 泸州 德阳 绵阳 广元 遂宁 内江 乐山 南充 眉山 宜宾 广安 达州 "
    "雅安 巴中 资阳 贵阳 六盘水 遵义 安顺 毕节 铜仁 昆明 曲靖 玉溪 保山 昭通 丽江 普洱 临沧 "
    "拉萨 日喀则 昌都 林芝 山南 那曲 西安 铜川 宝鸡 咸阳 渭南 延安 汉中 榆林 安康 商洛 兰州 "
    "嘉峪关 金昌 白银 天水 武威 张掖 平凉 酒泉 庆阳 定西 陇南 西宁 海东 银川 石嘴山 吴忠 固原 "
    "中卫 乌鲁木齐 克拉玛依 吐鲁番 哈密 香港 澳门 台北 高雄 台中 台南 新竹 基隆 "
    "朝阳区 海淀区 东城区 西城区 丰台区 石景山区 门头沟区 房山区 通州区 顺义区 昌平区 大兴区 "
    "怀柔区 平谷区 密云区 延庆区 丰台 石景山 门头沟 房山 通州 顺义 昌平 大兴 怀柔 平谷 密云 "
    "延庆 黄浦 黄浦区 徐汇 徐汇区 长宁 长宁区 静安 静安区 普陀 普陀区 虹口 杨浦 杨浦区 闵行 "
    "宝山 嘉定 浦东 金山 松江 青浦 奉贤 崇明 越秀 荔湾 天河 白云区 黄埔 番禺 花都 南沙 "
    "福田 罗湖 南山 宝安 龙岗 盐田 龙华 坪山 光明区 和平区 河西区 南开 武侯 锦江 青羊 金牛 "
    "成华 江北 渝中 沙坪坝 九龙坡 南岸 北碚 西湖 拱墅 上城 滨江 萧山 余杭 鼓楼 玄武 秦淮 "
    "建邺 栖霞 雨花台 江宁 洪山 江汉 汉阳 武昌 雁塔 碑林 莲湖 未央 长安 曲江 "
    "王府井大街 长安街 金融街 中关村 望京 国贸 三里屯 西单 东单 前门 崇文门 宣武门 朝阳门 "
    "东直门 西直门 安定门 德胜门 复兴门 建国门 和平门 阜成门 天安门 颐和园 圆明园 故宫 "
    "黄河 长江 珠江 淮河 汉江 松花江 黄浦江 钱塘江 太湖 洞庭湖 鄱阳湖 西湖 泰山 黄山 华山 "
    "嵩山 庐山 峨眉山 武当山 "
    "布宜诺斯 艾利斯 哥本哈根 丹麦 欧洲 欧盟 "
    "小程序 小黄车 共享单车 单车 二维码 微信 支付宝 高铁 动车 网约车 外卖 快递 "
    "骑行 骑车 自行车道 充电桩 新能源 碳中和 碳达峰 光伏 污水处理 污水处理厂 "
    "高峰时段 早高峰 晚高峰 高峰期 周末 周一 周二 周三 周四 周五 周六 周日 周边 "
    "高层 小高层 龙虾 小龙虾 万一 于是 向前 严重 武器 毛巾 石头 田地 朱红"
).split()
PLACE_WORD_FREQ = 2000  # jieba frequency given to the listed places the dictionary lacks or mis-tags

# ---------------------------------------------------------------------------------------------
# Parameters of the generated tables.

WORD_MIN_FREQ = 5      # rarer words only cost memory: the model barely needs them
HASH_BITS = 18         # 2^18 slots: the ~110,000 words and prefixes at a load under one half
ID_BITS = 14           # a word key is four 14-bit ids
COST_FLOOR = 16.0      # -ln P of a character that never stands alone in the dictionary
# Additive smoothing of the given-name counts: small, so that a character no name in the
# dictionary uses (辈 in 孙辈) costs about 14 nats as a given name, far more than a real one.
GIVEN_SMOOTHING = 0.05
PLAUSIBLE_GIVEN_COST = 8.0  # -ln P above which a character hardly ever appears in given names
UNKNOWN_GIVEN_COST = 11.0  # -ln P in a given name of a character the dictionary lacks
INDEX_FIRST = 0x3400   # CJK Extension A ..
INDEX_LAST = 0x9FFF    # .. and the Unified Ideographs: everything names and words use


def is_han(ch):
    cp = ord(ch)
    return INDEX_FIRST <= cp <= INDEX_LAST


def read_dict(path):
    entries = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 2:
                continue
            word, freq = parts[0], int(parts[1])
            tag = parts[2] if len(parts) > 2 else ""
            entries.append((word, freq, tag))
    return entries


def convert(chars, uconv, transform):
    """Maps each character to its form under ICU's `transform` (Hans-Hant or Hant-Hans)."""
    text = "\n".join(chars) + "\n"
    out = subprocess.run([uconv, "-f", "utf-8", "-t", "utf-8", "-x", transform],
                         input=text.encode("utf-8"), capture_output=True, check=True)
    lines = out.stdout.decode("utf-8").split("\n")
    result = {}
    for s, t in zip(chars, lines):
        if len(t) == 1 and is_han(t):
            result[s] = t
    return result


class Lexicon:
    """Everything the detector needs, as Python values."""

    def __init__(self, dict_path, uconv):
        entries = read_dict(dict_path)
        self.total = total = sum(f for _, f, _ in entries)

        # Fold traditional characters to simplified ones first (jieba lists 張 and 於 apart
        # from 张 and 于): the detector folds its input the same way, by character.
        all_chars = sorted({c for w, _, _ in entries for c in w if is_han(c)} |
                           set(SURNAMES + COMMON_GIVEN + "".join(COMPOUND_SURNAMES)))
        to_simplified = {t: s for t, s in convert(all_chars, uconv, "Hant-Hans").items()
                         if t != s}

        def fold(w):
            return "".join(to_simplified.get(c, c) for c in w)

        entries = [(fold(w), f, tag) for w, f, tag in entries]
        surnames = list(dict.fromkeys(SURNAMES))
        surname_set = set(surnames)
        compound_set = set(COMPOUND_SURNAMES)

        # Given-name characters by position, from names of 3 characters (surname + 2) and
        # compound surname + 2, and from 2-character names only for the one-character given
        # name (noisy, so weighed less and mixed with the second-position counts).
        # An entry whose "given name" is a common noun is a surname and a title or a place:
        # 王夫人, 李太后, 王公子, 张家口. It says nothing about given names.
        nouns = {w for w, f, tag in entries if tag == "n" and f >= 100 and len(w) == 2}
        g1 = collections.Counter()
        g2 = collections.Counter()
        gs = collections.Counter()
        for w, f, tag in entries:
            if tag != "nr" or (len(w) == 3 and w[1:] in nouns):
                continue
            if len(w) == 3 and w[0] in surname_set:
                g1[w[1]] += 1
                g2[w[2]] += 1
            elif len(w) == 4 and w[:2] in compound_set:
                g1[w[2]] += 1
                g2[w[3]] += 1
            elif len(w) == 2 and w[0] in surname_set and f < 200:
                gs[w[1]] += 1
        n_names = sum(g1.values())
        boost = n_names / 400.0  # each common modern character as if seen in 1 name in 400
        for c in COMMON_GIVEN:
            g1[c] += boost
            g2[c] += boost
            gs[c] += boost
        for c in FUNCTION_CHARS:
            g1.pop(c, None)
            g2.pop(c, None)
            gs.pop(c, None)

        singles = collections.Counter()
        for w, f, _ in entries:
            if len(w) == 1 and is_han(w):
                singles[w] += f

        # Character ids: every Han character of the dictionary and of the lists above, most
        # frequent first.
        char_freq = collections.Counter()
        for w, f, _ in entries:
            for c in w:
                if is_han(c):
                    char_freq[c] += f
        for c in SURNAMES + COMMON_GIVEN + "".join(COMPOUND_SURNAMES) + "".join(EXTRA_WORDS):
            char_freq[c] += 1
        chars = [c for c, _ in sorted(char_freq.items(), key=lambda kv: (-kv[1], kv[0]))]
        if len(chars) >= (1 << ID_BITS):
            sys.exit("make_zh_lexicon: more characters than ids; raise ID_BITS")
        self.ids = {c: i + 1 for i, c in enumerate(chars)}
        self.chars = chars
        # Traditional forms: those of the dictionary, and those ICU knows for its characters.
        self.trad = dict(to_simplified)
        for s, t in convert(chars, uconv, "Hans-Hant").items():
            if t != s and t not in self.ids:
                self.trad.setdefault(t, s)

        def cost(p):
            return -math.log(p)

        def dist_cost(counter, c, alpha=GIVEN_SMOOTHING):
            n = sum(counter.values()) + alpha * len(chars)
            return cost((counter.get(c, 0) + alpha) / n)

        self.single_cost = {}
        self.g1_cost = {}
        self.g2_cost = {}
        self.gs_cost = {}
        n1, n2, ns = sum(g1.values()), sum(g2.values()), max(1, sum(gs.values()))
        a = GIVEN_SMOOTHING
        for c in chars:
            f = singles.get(c, 0)
            self.single_cost[c] = cost(f / total) if f > 0 else COST_FLOOR
            if c in FUNCTION_CHARS:
                continue
            self.g1_cost[c] = dist_cost(g1, c)
            self.g2_cost[c] = dist_cost(g2, c)
            # One-character given names are like the second character of two more than the
            # first (伟, 芳, 娜, 静), with what jieba's two-character names add.
            self.gs_cost[c] = cost(
                0.25 * (g1.get(c, 0) + a) / (n1 + a * len(chars)) +
                0.5 * (g2.get(c, 0) + a) / (n2 + a * len(chars)) +
                0.25 * (gs.get(c, 0) + a) / (ns + a * len(chars)))

        # Words: every entry of 2-4 Han characters, except the names among the longer entries
        # tagged as names. jieba tags places and foreign words nr too (夏威夷, 张家口, 王府井),
        # so an entry stays a word unless it reads as a surname and a plausible given name.
        def reads_as_name(w):
            for sl in (2, 1):
                if w[:sl] in surname_set or w[:sl] in compound_set:
                    given = w[sl:]
                    if len(given) == 1:
                        return self.gs_cost.get(given, 99) <= PLAUSIBLE_GIVEN_COST
                    if len(given) == 2:
                        return (self.g1_cost.get(given[0], 99) <= PLAUSIBLE_GIVEN_COST and
                                self.g2_cost.get(given[1], 99) <= PLAUSIBLE_GIVEN_COST)
            return False

        words = collections.Counter()
        for w, f, tag in entries:
            if len(w) < 2 or len(w) > 4 or f < WORD_MIN_FREQ or not all(is_han(c) for c in w):
                continue
            if len(w) >= 3 and tag in ("nr", "nrfg", "nrt") and reads_as_name(w):
                continue
            words[w] += f
        for w in EXTRA_WORDS:
            if 2 <= len(w) <= 4:
                words[w] = max(words[w], PLACE_WORD_FREQ)
        for w in SUFFIX_TITLES + INTRODUCERS:
            if 2 <= len(w) <= 4:
                words[w] = max(words[w], PLACE_WORD_FREQ)
        self.words = {w: cost(f / total) for w, f in words.items()}

        # Surname priors from rank (Zipf-like, 1/(rank+2)), compounds ranked after the 150th
        # single surname: each is rare, but two characters together make a strong sign.
        weights = {}
        for r, s in enumerate(surnames, start=1):
            weights[s] = 1.0 / (r + 2)
        for r, s in enumerate(COMPOUND_SURNAMES, start=1):
            weights[s] = 1.0 / (150 + 4 * r)
        z = sum(weights.values())
        self.surname_cost = {s: cost(wt / z) for s, wt in weights.items()}
        self.surname_rank = {s: r for r, s in enumerate(surnames, start=1)}

        self.function_chars = set(FUNCTION_CHARS)
        self.suffix_titles = list(SUFFIX_TITLES)
        self.short_suffix_titles = set(SHORT_SUFFIX_TITLES)
        self.prefix_titles = set(PREFIX_TITLES)
        self.introducers = list(INTRODUCERS)
        self.compounds = list(COMPOUND_SURNAMES)


# ---------------------------------------------------------------------------------------------
# C++ output.

HASH_MULT = 0x9E3779B97F4A7C15
MASK64 = (1 << 64) - 1


def pack(ids):
    key = 0
    for i, x in enumerate(ids):
        key |= x << (ID_BITS * i)
    return key


def slot_of(key):
    return ((key * HASH_MULT) & MASK64) >> (64 - HASH_BITS)


def quantise(value, unit, lo, hi):
    q = int(round((value - lo) / unit))
    return max(0, min(hi, q))


def write_inc(lex, out_path, dict_path):
    ids = lex.ids
    # Word table: key (56 bits) | cost (7 bits, eighths of a nat above 4; 127 = not a word,
    # only a prefix) | bit 63: a longer word continues this one.
    entries = {}
    for w, c in lex.words.items():
        key = pack([ids[ch] for ch in w])
        entries[key] = [quantise(c, 0.125, 4.0, 126), 0]
    for w in lex.words:
        for n in range(2, len(w)):
            key = pack([ids[ch] for ch in w[:n]])
            e = entries.setdefault(key, [127, 0])
            e[1] = 1
    size = 1 << HASH_BITS
    if len(entries) > size * 0.6:
        sys.exit("make_zh_lexicon: word table over-full; raise HASH_BITS")
    table = [0] * size
    for key in sorted(entries):
        q, longer = entries[key]
        s = slot_of(key)
        while table[s] != 0:
            s = (s + 1) & (size - 1)
        table[s] = key | (q << 56) | (longer << 63)

    index = [0] * (INDEX_LAST - INDEX_FIRST + 1)
    for c, i in ids.items():
        index[ord(c) - INDEX_FIRST] = i
    for t, s in lex.trad.items():
        index[ord(t) - INDEX_FIRST] = ids[s]

    def q10(v):
        return quantise(v, 0.1, 0.0, 255)

    out = []
    out.append("// Generated by node/privacy/make_zh_lexicon.py from %s. Do not edit." % dict_path)
    out.append("// %d characters (%d traditional forms), %d words, %d hash slots." %
               (len(lex.chars), len(lex.trad), len(lex.words), size))
    out.append("namespace zh_lexicon {")
    out.append("inline constexpr char32_t kIndexFirst = 0x%X;" % INDEX_FIRST)
    out.append("inline constexpr char32_t kIndexLast = 0x%X;" % INDEX_LAST)
    out.append("inline constexpr int kIdBits = %d;" % ID_BITS)
    out.append("inline constexpr int kHashBits = %d;" % HASH_BITS)
    out.append("inline constexpr uint64_t kHashMult = 0x%XULL;" % HASH_MULT)
    out.append("inline constexpr uint16_t kIndex[] = {")
    for i in range(0, len(index), 24):
        out.append(",".join(str(x) for x in index[i:i + 24]) + ",")
    out.append("};")
    # Per id (0 = unknown): single, surname, g1, g2, gs costs in tenths of a nat (255 = none),
    # flags (1 function character, 2 one-character title, 4 prefix title, 8 first character of
    # a compound surname, 16 one of the 100 most common surnames). Id 0, a character the
    # dictionary lacks, is rare as a word and as a given name alike.
    compound_first = {s[0] for s in lex.compounds}
    out.append("inline constexpr CharEntry kChars[] = {")
    out.append("{%d,255,%d,%d,%d,0}," % (q10(COST_FLOOR), q10(UNKNOWN_GIVEN_COST),
                                          q10(UNKNOWN_GIVEN_COST), q10(UNKNOWN_GIVEN_COST)))
    for c in lex.chars:
        flags = 0
        if c in lex.function_chars:
            flags |= 1
        if c in lex.short_suffix_titles:
            flags |= 2
        if c in lex.prefix_titles:
            flags |= 4
        if c in compound_first:
            flags |= 8
        if lex.surname_rank.get(c, 1000) <= 100:
            flags |= 16
        sur = lex.surname_cost.get(c)
        out.append("{%d,%d,%d,%d,%d,%d}," % (
            q10(lex.single_cost[c]), q10(sur) if sur is not None else 255,
            q10(lex.g1_cost[c]) if c in lex.g1_cost else 255,
            q10(lex.g2_cost[c]) if c in lex.g2_cost else 255,
            q10(lex.gs_cost[c]) if c in lex.gs_cost else 255, flags))
    out.append("};")
    out.append("inline constexpr CompoundSurname kCompounds[] = {")
    for s in lex.compounds:
        out.append("{%d,%d,%d}," % (ids[s[0]], ids[s[1]], q10(lex.surname_cost[s])))
    out.append("};")

    def key_list(name, words):
        keys = sorted({pack([ids[ch] for ch in w]) for w in words
                       if all(ch in ids for ch in w)})
        out.append("inline constexpr uint64_t %s[] = {" % name)
        for i in range(0, len(keys), 8):
            out.append(",".join("0x%XULL" % k for k in keys[i:i + 8]) + ",")
        out.append("};")

    key_list("kSuffixTitles", lex.suffix_titles)
    key_list("kIntroducers", lex.introducers)
    out.append("inline constexpr uint64_t kWords[] = {")
    for i in range(0, size, 8):
        out.append(",".join("0x%XULL" % x if x else "0" for x in table[i:i + 8]) + ",")
    out.append("};")
    out.append("}  // namespace zh_lexicon")
    with open(out_path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--dict", required=True, help="jieba's dict.txt")
    p.add_argument("--uconv", default="uconv", help="ICU's uconv, for traditional forms")
    p.add_argument("--out", required=True)
    a = p.parse_args()
    lex = Lexicon(a.dict, a.uconv)
    write_inc(lex, a.out, a.dict)


if __name__ == "__main__":
    main()
