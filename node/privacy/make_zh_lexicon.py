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
  before a surname, words that introduce a person before it) or that a place named after a
  person is meant (路, 公园 after it);
- per character, its cost in a transliterated foreign name, and the foreign names and the
  transliterated places and things (five characters and more by a hash) that tell them apart.

The word frequencies and the names come from jieba's dictionary (Debian's python3-jieba). Its
person-name tags (nr, nrt) are noisy: 高峰, 胡同, 李子, 王府井, 马德里 and 摩托 are tagged as
names. So two-character nr entries stay words (most are words; a real name among them, such as
李娜, is still found where the context says a person is meant), longer nr entries that read as
a surname and a given name stay words only at a higher cost (they are mostly people: the name
model should find them, not the word model swallow them; but some are places, 石河子), and the
places jieba mis-tags are listed here. The given-name character statistics come from the nr entries of three characters
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
# a surname's prior is taken from its rank. The first block is the 300 or so surnames of nearly
# everyone; RARE_SURNAMES adds the rest of the Hundred Family Surnames (百家姓) and the rarer ones
# still in use, after them. Characters that are surnames but far more often function words or
# common morphemes are left out (是 那 都 能 从 有 和 也 其 在 上 下 与 之 后 国 家 公 空 相 ...):
# a name with one is rare, and reading every 后 or 国 as a possible surname costs precision.
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩邓冯曹彭曾肖田董潘袁蔡蒋余于杜叶程"
    "魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾"
    "龚邵万覃武钱戴严莫孔向常汤康易乔赖文傅施洪辛柯庄樊殷牛兰翟葛温伍齐安耿左申关聂祝焦欧包甘"
    "鲁古季谷宁涂梅纪俞尚管詹章苗单裴岳邢柴路华靳舒艾骆倪颜盛凌项童褚卜庞蓝滕房解戚霍桂阮符卓"
    "廉蒙麦鲍鄢饶晏简曲冉景吉岑粟茅阎娄佟楚邝宫隋栾商池邸滑查郁喻丰隆敖官冷卫花储时习卞连米穆"
    "车沙巩宗虞苟屈门计窦贝强巫闵丛杭鄂匡芦尤司雍荣鞠全邬苑边游衣都晋宿植郦璩蓟訾钮缪宣贲党"
    "农闻莘寇殳祁毕仇揭燕冀蔺臧谈瞿桑郎萧柳费成牟迟阳蒲柏姬佘仲冼丘伏凤云明乐元平代谯禤仝练"
    "铁展母招"
)
# The rest of the Hundred Family Surnames and other rare ones, in no particular order: each is
# rare, and all of them together are given the prior of the rarest above.
RARE_SURNAMES = (
    "褚酆奚昌皮湛禹狄伏席麻危刁支昝裘嵇翁荀羊於惠甄封芮羿汲邴糜松富乌巴弓牧隗宓蓬郗仰伊暴钭"
    "厉戎祖束幸韶郜薄印怀邰索咸籍屠阴胥苍贡劳逄扶堵宰郤濮寿扈郏浦充慕茹宦鱼容戈庾暨衡弘禄阙"
    "沃蔚夔师厍晁勾融阚毋乜须巢蒯荆竺权逯桓汝钦帅缑亢况郈琴佴墨哈笪年谌达撒"
)

# Compound surnames, most common first. 第五 and 南门 are real but read far more often as words.
COMPOUND_SURNAMES = (
    "欧阳 上官 司马 诸葛 东方 皇甫 令狐 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 端木 西门 南宫 独孤 "
    "呼延 轩辕 东郭 闻人 澹台 公冶 宗政 濮阳 太叔 申屠 钟离 拓跋 赫连 完颜 左丘 公羊 仲孙 叔孙 "
    "巫马 公西 漆雕 司空 鲜于 闾丘 东门 羊舌 微生 百里 万俟 段干 乐正 颛孙 亓官 司寇 淳于 单于 "
    "仉督 子车 壤驷 公良 夹谷 宰父 谷梁 梁丘 归海 伯赏 呼衍"
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

# Common first characters of given names (家豪, 家伟) that after a name mean something else
# (王芳家, her home): not boosted as the last character.
NOT_LAST_GIVEN = "家"

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
)
# What ends the names of places, streets and buildings (宋庄, 邹城, 张自忠路, 潘家园): never the
# end of a given name, and after a candidate name a sign that a place named after a person is
# meant, not the person (中山路, 逸夫楼), unless the character begins a verb (路过, 沟通). The
# villages of the plains around Beijing and Tianjin end in characters of their own (白家疃,
# 丁家坎, 黄土坎, 大兴垡, 塘沽); and 记 is a shop's "Mr X's" (陈记, 蔡林记).
PLACE_SUFFIX_CHARS = (
    "庄村镇乡县市区省州路街巷弄站楼院屯营店集坝沟寺庙城桥园湾港岛湖塘坡岭岗渡埠堡寨祠陵馆厂苑阁亭"
    "塔墓窑口场坊洼峪滩圩疃坎垡坨沽记"
)
# Longer words that say the same after a name (中山公园, 华强北路, 鲁迅中学).
PLACE_WORDS = (
    "广场 公园 小区 社区 大街 大道 大桥 公路 花园 家园 新村 中学 小学 大学 学院 学校 医院 大厦 "
    "商场 中心 公司 集团 银行 酒店 宾馆 饭店 超市 市场 故居 纪念馆 博物馆 体育场 体育馆 图书馆 "
    "公寓 剧院 影院 机场 车站 码头 隧道 胡同 里弄 东路 西路 南路 北路 中路 东街 西街 南街 北街 "
    "一路 二路 三路 四路 五路 大院 广场站 地铁站 路口 街道 高架 立交 环路 工业园 科技园 产业园 "
    "纪念堂 陵园 故里 村委会 居委会 街道办 办事处 基金会 研究所 实验室 奖学金 科技 集团 "
    "斜街 "
    # Shops and restaurants named after their founder: 杨国福麻辣烫, 张亮麻辣烫, 姚记炒肝.
    "麻辣烫 炒肝 烧腊 拉面 面馆 餐厅 餐馆 酒家 酒楼 饭馆 茶馆 茶庄 药店 药房 小吃 快餐 烤鸭 "
    "火锅 包子 饺子 商店 商行 书店 金店 珠宝 眼镜 食品 烧烤 面包 蛋糕 米粉 粥铺 菜馆 诊所"
).split()
# Directions that come between a name and a place suffix: 华强北路, 东门中路.
DIRECTION_CHARS = "东西南北中上下前后"

# Titles, roles and kinship words after a surname or a full name: 王建国先生, 李女士, 郭经理,
# 牟阿姨. After a bare surname the title is part of the name's span (王先生): together they
# point at one person.
SUFFIX_TITLES = (
    "先生 女士 小姐 老师 医生 大夫 主任 经理 教授 博士 硕士 同学 同志 阿姨 大爷 大妈 大姐 大哥 "
    "大叔 大娘 大婶 大伯 大嫂 师傅 师父 律师 护士 警官 局长 处长 科长 厂长 校长 院长 所长 部长 "
    "市长 县长 镇长 村长 乡长 区长 省长 厅长 队长 班长 组长 社长 站长 馆长 行长 店长 园长 船长 "
    "机长 主席 书记 支书 总监 总裁 董事长 董事 总经理 副经理 副主任 副局长 副校长 副院长 副教授 "
    "老板 老板娘 掌柜 工程师 技术员 研究员 会计 出纳 委员 代表 秘书 助理 主管 主编 编辑 导演 "
    "导师 讲师 助教 教练 医师 药师 护士长 太太 夫人 奶奶 爷爷 叔叔 伯伯 婆婆 姥姥 姥爷 伯母 "
    "婶婶 嫂子 姐姐 哥哥 老先生 老太太 老太 老爷子 老人家 老哥 老弟 家长 同事 阿婆 阿公 阿伯 "
    "记者 民警 警察 法官 检察官 干部 干事 专员 网格员 志愿者 社工 司机 保安 保洁 厨师 老总 总工 "
    "女儿 儿子 部长 科员 主治 院士 大使 领事 参赞 律师 顾问 经纪人 楼长 组员"
).split()
# One-character titles (王总, 李工, 张姐, 吴哥): where the text breaks right after them, or at
# least no word swallows them (王总结 is not 王总).
SHORT_SUFFIX_TITLES = "总工老哥姐叔婶伯嫂姨董导"
# Before a bare surname: 老王, 小李.
PREFIX_TITLES = "老小"
# Words after which a person's name is expected: 我叫王芳, 联系人：李娜, 请转告欧阳娜娜. The
# strong ones name a role or say outright that a name follows, so that even a foreign given name
# (负责人是安娜) or a name that is also a word is read as a name after them; the weak ones
# (和, 给, 问) only make a name likelier.
STRONG_INTRODUCERS = (
    "叫 名叫 我叫 叫做 名为 我是 姓名 名字 全名 本人 联系人 负责人 经办人 申请人 报告人 投诉人 "
    "举报人 反映人 记录人 填表人 填报人 收件人 寄件人 收货人 户主 监护人 代理人 签名 签字 署名 "
    "居民 市民 邻居 村民 业主 住户 租户 房东 房客 患者 病人 学生 同学 同事 朋友 家属 亲属 丈夫 "
    "妻子 爱人 儿子 女儿 父亲 母亲 爸爸 妈妈 老公 老婆 哥哥 姐姐 弟弟 妹妹 爷爷 奶奶 外公 外婆 "
    "姥姥 姥爷 孙子 孙女 舅舅 叔叔 阿姨 姑姑 女婿 儿媳 室友 邻座 网友 队友 战友 人员 工作人员 "
    "志愿者 网格员 老师 医生 护士 主任 经理 先生 女士 司机 保安 保洁 快递员 外卖员 管理员 物业 "
    "楼长 组长 社工 律师 警官 民警 会计 书记 校长 院长 局长 教授 同志 师傅 员工 职员 客户 顾客 "
    "乘客 游客 用户 会员 委托人 当事人 受害人 嫌疑人 证人 老板 店主 房主 车主 值班员 专员 干事"
).split()
WEAK_INTRODUCERS = (
    "是 和 跟 给 找 与 同 及 告诉 转告 通知 联系 感谢 谢谢 问 问一下 请 致 由 委托 姓 见 遇到 "
    "认识 拜访 看望 还有 以及 或者"
).split()
# Between a strong introducer and the name: 负责人是安娜, 联系人为李娜.
COPULAS = "是为叫系"

# Characters of transliterated foreign names (安娜, 冈萨雷斯, 穆罕默德): the syllables of
# Xinhua's table for foreign names, the characters of women's names, and those of Uyghur,
# Tibetan and Mongolian names. A run of them joined by a middle dot (安娜·冈萨雷斯) is a name;
# after a role word or before a title one run is. Their costs come from jieba's transliterated
# names (tag nrt) and the names below.
TRANSLIT = (
    "阿埃艾爱安昂奥澳巴芭拜班邦保鲍贝本比彼毕庇边别宾滨波伯泊博布采查柴楚茨达黛戴丹道德登狄迪"
    "蒂丁东杜敦多厄俄恩尔法凡范菲斐费芬丰冯佛弗伏福夫富盖甘冈高戈格葛根古瓜圭哈海汉翰豪赫黑亨"
    "洪胡华怀惠霍基吉加佳贾杰捷金卡凯坎康考柯科克肯库夸奎昆拉莱赖兰朗劳勒雷蕾里理丽利莉莲廉良"
    "列林琳灵留柳龙隆娄卢鲁陆路伦罗萝洛吕律马玛迈麦曼芒梅美门蒙孟米密敏明缪摩莫墨默姆穆纳娜奈"
    "南内妮尼涅宁纽努诺欧帕潘庞佩彭皮平珀普奇齐琪恰乔切钦琴琼丘秋屈让热瑞若萨塞赛桑瑟森沙莎山"
    "珊尚绍舍申圣施什史士舒斯丝松宋苏索塔泰坦汤唐特提缇廷汀通图托瓦万旺威韦维卫温文翁沃乌伍武"
    "西希锡席夏谢辛欣休修雅亚娅扬耶叶伊依英尤于约泽扎詹朱卓兹宗祖佐逊茜薇芙娃雪得罕撒因延露珂"
    "朵蔻略铁勃易简大侯卜何珍优素汗甫肉玉其旦增珠买吐合力孜江木措次仁堆央顿才嘎不都"
)
# Foreign given names and surnames as they are usually written: with jieba's transliterated
# names, the runs that may stand alone after a weak introducer (和安娜, 给约翰) and that no
# dot needs to mark.
FOREIGN_NAMES = (
    "安娜 玛丽亚 玛丽 约翰 彼得 大卫 汉斯 延斯 尼尔斯 拉斯 索伦 克里斯蒂安 弗雷德里克 梅特 卡琳 安妮 "
    "克劳斯 摩根斯 古斯塔夫 伊达 玛蒂尔德 弗丽达 阿斯特丽德 安德斯 埃米尔 卢卡斯 马蒂亚斯 奥斯卡 "
    "威廉 乔治 亨利 查尔斯 爱德华 本杰明 丹尼尔 马修 安德鲁 迈克尔 克里斯托弗 理查德 罗伯特 "
    "史蒂文 保罗 马克 乔纳森 詹姆斯 约瑟夫 托马斯 杰克 汤姆 萨拉 莎拉 伊丽莎白 玛格丽特 凯特 "
    "艾米 艾米丽 爱丽丝 奥利维亚 格蕾丝 夏洛特 索菲 索菲亚 克洛伊 露丝 露西 露西亚 朱莉 海伦 苏菲 "
    "克莱尔 杰西卡 凯瑟琳 劳拉 琳达 苏珊 汉娜 艾玛 胡安 何塞 卡洛斯 路易斯 豪尔赫 米格尔 迭戈 "
    "哈维尔 巴勃罗 费尔南多 安东尼奥 曼努埃尔 卡门 伊莎贝尔 瓦伦蒂娜 卡米拉 胡利娅 帕特里夏 "
    "埃琳娜 穆罕默德 阿里 艾哈迈德 侯赛因 法蒂玛 阿卜杜拉 优素福 易卜拉欣 哈桑 买买提 艾力 "
    "古丽 热依汗 努尔 阿不都 热合曼 吐尔逊 扎西 卓玛 次仁 多吉 央金 格桑 拉姆 旦增 顿珠 平措 "
    "尼玛 巴特尔 其其格 乌兰 "
    "史密斯 约翰逊 威廉姆斯 布朗 琼斯 米勒 戴维斯 威尔逊 穆勒 泰勒 摩尔 杰克逊 怀特 哈里斯 马丁 "
    "汤普森 加西亚 马丁内斯 罗宾逊 克拉克 刘易斯 沃克 霍尔 艾伦 赖特 斯科特 格林 贝克 亚当斯 "
    "纳尔逊 希尔 坎贝尔 米切尔 罗伯茨 卡特 菲利普斯 埃文斯 特纳 帕克 柯林斯 爱德华兹 斯图尔特 "
    "莫里斯 墨菲 库克 罗杰斯 摩根 库珀 彼得森 里德 贝利 贝尔 凯利 霍华德 沃德 考克斯 理查森 "
    "伍德 沃森 布鲁克斯 延森 汉森 尼尔森 拉斯穆森 佩德森 克里斯滕森 约根森 安德森 约翰森 "
    "奥尔森 保尔森 斯文森 冈萨雷斯 罗德里格斯 费尔南德斯 洛佩斯 佩雷斯 桑切斯 拉米雷斯 托雷斯 "
    "弗洛雷斯 里维拉 戈麦斯 迪亚斯 埃尔南德斯 莫拉莱斯 希门尼斯 鲁伊斯 阿尔瓦雷斯 罗梅罗 "
    "卡斯蒂略 古铁雷斯 施密特 施耐德 费舍尔 韦伯 迈耶 瓦格纳 贝克尔 舒尔茨 霍夫曼"
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
    "高层 小高层 龙虾 小龙虾 万一 于是 向前 严重 武器 毛巾 石头 田地 朱红 "
    # chat words jieba lacks that begin with a surname character
    "艾特 点赞 打卡 网红 吐槽 靠谱 给力 刷屏 晒图 安卓 宿管 楼管 网管 "
    # companies and brands whose names read as a surname and a given name
    "华为 苏宁 万达 万科 华润 高德 龙湖 金蝶 海康 康佳 丰田 吉利 江淮 申通 罗森 汤臣 屈臣氏 "
    "华联 安踏 宁德时代 蔚来 小鹏 邓禄普 万象城 韵达 圆通 中通 顺丰 海信 格力 方太 雷克萨斯 "
    "马自达 奇瑞 长城汽车 比亚迪 招商银行 平安 浦发 华夏 张江 张江高科 高科技 高新区 高新 "
    # time-honoured shops and chains named after their founders
    "李宁 周大福 周生生 周六福 王老吉 周黑鸭 张小泉 吴裕泰 张一元 马应龙 老凤祥 王致和 李锦记 "
    "谭木匠 杨国福 陈李济 胡庆余堂 谢馥春 徐福记 钱大妈 陈克明 吴良材 王守义 黄飞红 全聚德 "
    "孔乙己 海底捞 曹操出行 金六福 周村 汪氏 "
    # neighbourhoods and villages of Beijing and Shanghai that begin with a surname character
    "蒲黄榆 孙河 马甸 马家堡 高碑店 何各庄 宋家庄 刘家窑 潘家园 吕家营 方庄 蓝靛厂 马连道 "
    "牛街 白石桥 魏公村 万泉河 黄庄 石佛营 管庄 常营 马驹桥 赵公口 陶然亭 高米店 宋庄 郭公庄 "
    "徐家汇 曹家渡 陆家嘴 周浦 金桥 唐镇 高桥 顾村 罗店 江湾 彭浦 吴淞 杨家渡 龚路 "
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
NAME_WORD_PENALTY = 6.0  # nats added to a dictionary entry that reads as a person's name
FAMOUS_NAME_FREQ = 500   # from this jieba frequency such an entry is reported as a name
PLAUSIBLE_GIVEN_COST = 8.0  # -ln P above which a character hardly ever appears in given names
UNKNOWN_GIVEN_COST = 11.0  # -ln P in a given name of a character the dictionary lacks
PREFIXABLE_SURNAMES = 300  # 老/小 before one of this many most common surnames: 老王; 小时 not
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
        hand_chars = (SURNAMES + RARE_SURNAMES + COMMON_GIVEN + "".join(COMPOUND_SURNAMES) +
                      TRANSLIT + "".join(FOREIGN_NAMES))

        # Fold traditional characters to simplified ones first (jieba lists 張 and 於 apart
        # from 张 and 于): the detector folds its input the same way, by character.
        all_chars = sorted({c for w, _, _ in entries for c in w if is_han(c)} | set(hand_chars))
        to_simplified = {t: s for t, s in convert(all_chars, uconv, "Hant-Hans").items()
                         if t != s}

        def fold(w):
            return "".join(to_simplified.get(c, c) for c in w)

        entries = [(fold(w), f, tag) for w, f, tag in entries]
        function_chars = set(FUNCTION_CHARS)
        # 于 is both a top surname and a preposition; the other rare surnames that are function
        # characters are left out (see SURNAMES).
        surnames = [c for c in dict.fromkeys(fold(SURNAMES))]
        rare = [c for c in dict.fromkeys(fold(RARE_SURNAMES))
                if c not in surnames and c not in function_chars]
        surname_set = set(surnames) | set(rare)
        compound_set = set(COMPOUND_SURNAMES)
        # The characters of the listed names count too (白 of 伊丽莎白), less function ones.
        translit = set(fold(TRANSLIT)) | {c for c in fold("".join(FOREIGN_NAMES))
                                          if c not in function_chars}
        titles = set(SUFFIX_TITLES)
        short_titles = set(SHORT_SUFFIX_TITLES)
        place_suffix = set(PLACE_SUFFIX_CHARS)
        freq = {}
        tags = {}
        for w, f, tag in entries:
            freq[w] = freq.get(w, 0) + f
            tags.setdefault(w, tag)

        # Given-name characters by position, from names of 3 characters (surname + 2) and
        # compound surname + 2, and from 2-character names only for the one-character given
        # name (noisy, so weighed less and mixed with the second-position counts).
        # An entry whose "given name" is a common noun is a surname and a title or a place:
        # 王夫人, 李太后, 王公子, 张家口. It says nothing about given names.
        # So does a transliterated name that happens to begin with a surname character (马拉松,
        # 安德森): one with a character that transliterations use and Chinese given names
        # hardly ever do (拉, 斯, 克) is left out.
        nouns = {w for w, f, tag in entries if tag == "n" and f >= 100 and len(w) == 2}
        nrt_chars = collections.Counter(c for w, f, tag in entries if tag == "nrt" for c in w)
        foreign_only = {c for c, k in nrt_chars.items() if k >= 40 and c not in COMMON_GIVEN}
        g1 = collections.Counter()
        g2 = collections.Counter()
        gs = collections.Counter()
        for w, f, tag in entries:
            if tag != "nr" or (len(w) == 3 and w[1:] in nouns):
                continue
            if any(c in foreign_only for c in w[1:]):
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
            if c not in NOT_LAST_GIVEN:
                g2[c] += boost
                gs[c] += boost
        for c in FUNCTION_CHARS + PLACE_SUFFIX_CHARS:
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
        for c in fold(hand_chars + "".join(EXTRA_WORDS)):
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

        self.single_cost = {}
        self.g1_cost = {}
        self.g2_cost = {}
        self.gs_cost = {}
        n1, n2, ns = sum(g1.values()), sum(g2.values()), max(1, sum(gs.values()))
        a = GIVEN_SMOOTHING
        for c in chars:
            f = singles.get(c, 0)
            self.single_cost[c] = cost(f / total) if f > 0 else COST_FLOOR
            if c in function_chars or c in place_suffix:
                continue
            self.g1_cost[c] = cost((g1.get(c, 0) + a) / (n1 + a * len(chars)))
            self.g2_cost[c] = cost((g2.get(c, 0) + a) / (n2 + a * len(chars)))
            # One-character given names are like the second character of two more than the
            # first (伟, 芳, 娜, 静), with what jieba's two-character names add.
            self.gs_cost[c] = cost(
                0.25 * (g1.get(c, 0) + a) / (n1 + a * len(chars)) +
                0.5 * (g2.get(c, 0) + a) / (n2 + a * len(chars)) +
                0.25 * (gs.get(c, 0) + a) / (ns + a * len(chars)))

        # Transliteration characters: how often each starts or continues a foreign name, from
        # jieba's transliterated names (nrt) and the names listed above.
        tl = collections.Counter()
        for w, f, tag in entries:
            if tag == "nrt" and len(w) >= 2 and all(c in translit for c in w):
                for c in w:
                    tl[c] += 1
        for w in FOREIGN_NAMES:
            for c in w:
                tl[c] += 5
        n_tl = sum(tl.values())
        self.translit_cost = {c: cost((tl.get(c, 0) + 1.0) / n_tl) for c in translit
                              if c in self.ids}

        # Foreign names that may stand alone after a weak introducer: the listed ones, and
        # jieba's transliterated names (nrt), less the frequent ones, which are mostly places
        # (拉萨, 克利夫兰).
        person = set(FOREIGN_NAMES)
        extra_words = {fold(w) for w in EXTRA_WORDS}
        place_prefixes = {w[:i] for w, f, tag in entries
                          if 3 <= len(w) <= 8 and tag not in ("nr", "nrt") and
                          all(c in translit for c in w) for i in range(2, len(w))}
        for w, f, tag in entries:
            # jieba tags places and things nrt and nr too (多伦多, 马德里, 摩托): only its rarer
            # transliterated names of three characters or more count, and not one that begins
            # a longer word (里斯 of 里斯本).
            if (tag == "nrt" and 3 <= len(w) <= 7 and all(c in translit for c in w) and
                    len(set(w)) == len(w) and w[-1] not in place_suffix and f < 100 and
                    w not in extra_words and w not in place_prefixes):
                person.add(w)
        self.person_words = sorted(w for w in person if len(w) <= 4)
        # Longer runs of transliteration characters, which the word table (four characters at
        # most) cannot hold: names (弗朗西斯科) and places or things (阿姆斯特丹).
        self.long_person = sorted(w for w in person if len(w) > 4)
        self.long_words = sorted({w for w, f, tag in entries
                                  if 5 <= len(w) <= 7 and all(c in translit for c in w) and
                                  w not in person})

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

        def is_surname_and_title(w):
            for sl in (2, 1):
                if w[:sl] in surname_set or w[:sl] in compound_set:
                    rest = w[sl:]
                    if rest in titles or (len(rest) == 1 and rest in short_titles):
                        return True
            return False

        def made_of_words(w):
            # 李子树 (李子 + 树), 毛毛雨: ordinary words jieba tags as names.
            if w[0] == w[1]:
                return True
            if w[:2] in compound_set or freq.get(w[:2], 0) < 300:
                return False
            return not tags.get(w[:2], "").startswith("nr") or singles.get(w[2], 0) >= 2000

        # Words: every entry of 2-4 Han characters, except the names among the longer entries
        # tagged as names. jieba tags places and foreign words nr too (夏威夷, 张家口, 王府井),
        # so an entry stays a word unless it reads as a surname and a plausible given name.
        # A surname with a title (郭经理, 老王) is a name, never a word.
        words = collections.Counter()
        name_words = set()
        name_like = collections.Counter()
        for w, f, tag in entries:
            if len(w) < 2 or len(w) > 4 or f < WORD_MIN_FREQ or not all(is_han(c) for c in w):
                continue
            if tag.startswith("nr") and is_surname_and_title(w):
                continue
            if (tag.startswith("nr") and len(w) == 2 and w[0] in PREFIX_TITLES and
                    w[1] in surname_set):
                continue
            if (len(w) >= 3 and tag in ("nr", "nrfg", "nrt") and reads_as_name(w) and
                    not (len(w) == 3 and made_of_words(w)) and w[-1] not in place_suffix and
                    w[1:] not in nouns and w[2:] not in nouns):
                # Mostly a person, whom the name model finds: the entry stays a word only at a
                # higher cost, so that where it is a place or a thing (石河子, 蒲公英) and nothing
                # says a person is meant it still wins. The famous (令狐冲, 司马光) are reported
                # as names where the segmenter takes the word.
                if f >= FAMOUS_NAME_FREQ:
                    name_words.add(w)
                name_like[w] += f
                continue
            words[w] += f
        for w in EXTRA_WORDS + PLACE_WORDS:
            w = fold(w)
            if 2 <= len(w) <= 4:
                words[w] = max(words[w], PLACE_WORD_FREQ)
        for w in SUFFIX_TITLES + STRONG_INTRODUCERS + WEAK_INTRODUCERS:
            if 2 <= len(w) <= 4:
                words[w] = max(words[w], PLACE_WORD_FREQ)
        self.words = {w: cost(f / total) for w, f in words.items()}
        for w, f in name_like.items():
            if w not in self.words:
                self.words[w] = cost(f / total) + (0 if w in name_words else NAME_WORD_PENALTY)
        self.name_words = sorted(name_words)

        # Surname priors from rank (Zipf-like, 1/(rank+2)); the rare ones all get half the
        # rarest ranked one's; compounds ranked after the 150th single surname: each is rare,
        # but two characters together make a strong sign.
        weights = {}
        for r, s in enumerate(surnames, start=1):
            weights[s] = 1.0 / (r + 2)
        for s in rare:
            weights[s] = 0.5 / (len(surnames) + 2)
        for r, s in enumerate(COMPOUND_SURNAMES, start=1):
            weights[s] = 1.0 / (150 + 4 * r)
        z = sum(weights.values())
        self.surname_cost = {s: cost(wt / z) for s, wt in weights.items()}
        self.surname_rank = {s: r for r, s in enumerate(surnames, start=1)}

        # Words beginning with a place suffix that are verbs or adverbs (路过, 沟通): after a
        # name they do not say that a place is meant. Nor does any word that begins with 记,
        # which ends a shop's name only where it stands alone (陈记, but 王芳记录).
        self.suffix_exceptions = sorted(
            w for w, f, tag in entries
            if len(w) == 2 and w[0] in place_suffix and f >= 50 and
            (tag in ("v", "vn", "vd", "vi", "a", "ad", "d", "c", "p") or w[0] == "记")) + [
                "站起", "站在", "站着"]

        self.function_chars = function_chars
        self.place_suffix = place_suffix
        self.suffix_titles = list(SUFFIX_TITLES)
        self.short_suffix_titles = short_titles
        self.prefix_titles = set(PREFIX_TITLES)
        self.strong_introducers = list(STRONG_INTRODUCERS)
        self.introducers = list(STRONG_INTRODUCERS + WEAK_INTRODUCERS)
        self.place_words = [fold(w) for w in PLACE_WORDS]
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
    # Word table: key (56 bits) | cost (7 bits, fifths of a nat above 4; 127 = not a word,
    # only a prefix) | bit 63: a longer word continues this one.
    entries = {}
    for w, c in lex.words.items():
        key = pack([ids[ch] for ch in w])
        entries[key] = [quantise(c, 0.2, 4.0, 126), 0]
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
    # Per id (0 = unknown): single, surname, g1, g2, gs and transliteration costs in tenths of a
    # nat (255 = none), flags (CharFlags in detect_zh_names.cc). Id 0, a character the
    # dictionary lacks, is rare as a word and as a given name alike.
    compound_first = {s[0] for s in lex.compounds}
    direction = set(DIRECTION_CHARS)
    copulas = set(COPULAS)
    title_first = {w[0] for w in lex.suffix_titles}
    place_first = {w[0] for w in lex.place_words}
    intro_last = {w[-1] for w in lex.introducers}
    long_first = {w[0] for w in lex.long_words + lex.long_person}
    out.append("inline constexpr CharEntry kChars[] = {")
    out.append("{%d,255,%d,%d,%d,255,0}," % (q10(COST_FLOOR), q10(UNKNOWN_GIVEN_COST),
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
        rank = lex.surname_rank.get(c, 1000)
        if rank <= 100:
            flags |= 16
        if c in lex.place_suffix:
            flags |= 32
        if c in direction:
            flags |= 64
        if c in copulas:
            flags |= 128
        if rank <= PREFIXABLE_SURNAMES:
            flags |= 256
        if c in title_first:
            flags |= 512
        if c in place_first:
            flags |= 1024
        if c in intro_last:
            flags |= 2048
        if c in long_first:
            flags |= 4096
        sur = lex.surname_cost.get(c)
        tl = lex.translit_cost.get(c)
        out.append("{%d,%d,%d,%d,%d,%d,%d}," % (
            q10(lex.single_cost[c]), q10(sur) if sur is not None else 255,
            q10(lex.g1_cost[c]) if c in lex.g1_cost else 255,
            q10(lex.g2_cost[c]) if c in lex.g2_cost else 255,
            q10(lex.gs_cost[c]) if c in lex.gs_cost else 255,
            q10(tl) if tl is not None else 255, flags))
    out.append("};")
    # Sorted by their ids, for a binary search.
    out.append("inline constexpr CompoundSurname kCompounds[] = {")
    for s in sorted(lex.compounds, key=lambda s: (ids[s[0]], ids[s[1]])):
        out.append("{%d,%d,%d}," % (ids[s[0]], ids[s[1]], q10(lex.surname_cost[s])))
    out.append("};")

    def key_list(name, words):
        keys = sorted({pack([ids[ch] for ch in w]) for w in words
                       if 1 <= len(w) <= 4 and all(ch in ids for ch in w)})
        out.append("inline constexpr uint64_t %s[] = {" % name)
        for i in range(0, len(keys), 8):
            out.append(",".join("0x%XULL" % k for k in keys[i:i + 8]) + ",")
        out.append("};")

    key_list("kSuffixTitles", lex.suffix_titles)
    key_list("kIntroducers", lex.introducers)
    key_list("kStrongIntroducers", lex.strong_introducers)
    key_list("kPersonWords", lex.person_words)
    key_list("kPlaceWords", lex.place_words)
    key_list("kNameWords", lex.name_words)

    def hash_list(name, words):
        # FNV-1a over the ids, as LongHash in detect_zh_names.cc computes it.
        hashes = set()
        for w in words:
            if not all(ch in ids for ch in w):
                continue
            h = 0xCBF29CE484222325
            for ch in w:
                h = ((h ^ ids[ch]) * 0x100000001B3) & MASK64
            hashes.add(h)
        out.append("inline constexpr uint64_t %s[] = {" % name)
        keys = sorted(hashes)
        for i in range(0, len(keys), 8):
            out.append(",".join("0x%XULL" % k for k in keys[i:i + 8]) + ",")
        out.append("};")

    hash_list("kLongPersonWords", lex.long_person)
    hash_list("kLongWords", lex.long_words)
    key_list("kSuffixExceptions", lex.suffix_exceptions)
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
