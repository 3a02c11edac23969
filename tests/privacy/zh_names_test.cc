// Personal names written in Chinese characters (node/privacy/detect_zh_names.cc), through the
// scanner's public API: the forms citizens write names in, and the words, places and prose that
// begin with a surname character and must be left alone. A generated measurement at the end
// checks issue 14's figures on names and look-alikes the examples above do not list.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "node/privacy/identifiers.h"
#include "tests/privacy/scanner_test_util.h"

namespace citynet::privacy {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

using scanner_test::Names;
using scanner_test::ThreadCpuSeconds;
using scanner_test::Scanner;

// ---------------------------------------------------------------------------------------------
// Names in running text and in cells.

TEST(ChineseNamesTest, FindsTheNamesOfTheIssue) {
  EXPECT_THAT(Names("我叫王建国，住在朝阳区"), ElementsAre("王建国"));
  EXPECT_THAT(Names("联系人：李娜，电话13800138000"), ElementsAre("李娜"));
  EXPECT_THAT(Names("请转告欧阳娜娜"), ElementsAre("欧阳娜娜"));
}

TEST(ChineseNamesTest, FindsWholeCells) {
  EXPECT_THAT(Names("王芳"), ElementsAre("王芳"));
  EXPECT_THAT(Names("刘洋"), ElementsAre("刘洋"));
  EXPECT_THAT(Names("陈晓东"), ElementsAre("陈晓东"));
  EXPECT_THAT(Names(" 赵丽颖 "), ElementsAre("赵丽颖"));
}

TEST(ChineseNamesTest, FindsNamesAnywhereInASentence) {
  // subject, before 说/在/住/的/和
  EXPECT_THAT(Names("张伟说楼道的灯坏了"), ElementsAre("张伟"));
  EXPECT_THAT(Names("孙丽在社区医院工作"), ElementsAre("孙丽"));
  EXPECT_THAT(Names("徐静住在三楼"), ElementsAre("徐静"));
  EXPECT_THAT(Names("胡军的电话打不通"), ElementsAre("胡军"));
  EXPECT_THAT(Names("郭敏和她的女儿来了"), ElementsAre("郭敏"));
  EXPECT_THAT(Names("杨秀英今天没来"), ElementsAre("杨秀英"));
  // object, after 和/跟/给/找/叫/是
  EXPECT_THAT(Names("我和黄磊一起去的"), ElementsAre("黄磊"));
  EXPECT_THAT(Names("请跟马超联系"), ElementsAre("马超"));
  EXPECT_THAT(Names("明天给朱婷打电话"), ElementsAre("朱婷"));
  EXPECT_THAT(Names("有事找何勇"), ElementsAre("何勇"));
  EXPECT_THAT(Names("他叫罗志强"), ElementsAre("罗志强"));
  EXPECT_THAT(Names("打电话的是林晓燕"), ElementsAre("林晓燕"));
  // lists
  EXPECT_THAT(Names("张伟、王芳和李秀英都参加了"), ElementsAre("张伟", "王芳", "李秀英"));
}

TEST(ChineseNamesTest, FindsNamesAfterWordsThatIntroduceThem) {
  EXPECT_THAT(Names("姓名：周杰"), ElementsAre("周杰"));
  EXPECT_THAT(Names("姓名: 吴雪梅"), ElementsAre("吴雪梅"));
  EXPECT_THAT(Names("联系人 郑浩然"), ElementsAre("郑浩然"));
  EXPECT_THAT(Names("我是梁宇，有个问题"), ElementsAre("梁宇"));
  EXPECT_THAT(Names("居民谢娟反映噪音问题"), ElementsAre("谢娟"));
  EXPECT_THAT(Names("邻居宋涛帮了很多忙"), ElementsAre("宋涛"));
}

TEST(ChineseNamesTest, FindsNamesBeforeTitlesAndSurnamesWithTitles) {
  EXPECT_THAT(Names("王建国先生"), ElementsAre("王建国"));
  EXPECT_THAT(Names("李娜女士反映"), ElementsAre("李娜"));
  EXPECT_THAT(Names("唐明医生说没事"), ElementsAre("唐明"));
  // The surname alone names a person when a title says so; the finding covers both, which
  // together point at one person.
  EXPECT_THAT(Names("张老师"), ElementsAre("张老师"));
  EXPECT_THAT(Names("刘医生"), ElementsAre("刘医生"));
  EXPECT_THAT(Names("陈主任下午在"), ElementsAre("陈主任"));
  EXPECT_THAT(Names("王先生来电"), ElementsAre("王先生"));
  EXPECT_THAT(Names("请李女士回电"), ElementsAre("李女士"));
  EXPECT_THAT(Names("老王说可以"), ElementsAre("老王"));
  EXPECT_THAT(Names("小李，你好"), ElementsAre("小李"));
  // Less common surnames and compound ones take 老/小 too; 小时 and 小心 stay words.
  EXPECT_THAT(Names("今天下午小祁来看过现场了。"), ElementsAre("小祁"));
  EXPECT_THAT(Names("我和小柳都是这个楼的老住户了。"), ElementsAre("小柳"));
  EXPECT_THAT(Names("我和小慕容都是老住户。"), ElementsAre("小慕容"));
  EXPECT_THAT(Names("老欧阳说的"), ElementsAre("老欧阳"));
  EXPECT_THAT(Names("等了一个小时，请小心。"), IsEmpty());
  EXPECT_THAT(Names("欧阳先生"), ElementsAre("欧阳先生"));
}

TEST(ChineseNamesTest, FindsRareSurnames) {
  EXPECT_THAT(Names("仲教授和姬鹏一起组织了活动"), ElementsAre("仲教授", "姬鹏"));
  EXPECT_THAT(Names("投诉人：牟小霖"), ElementsAre("牟小霖"));
  EXPECT_THAT(Names("有问题请联系阳瀚。"), ElementsAre("阳瀚"));
  EXPECT_THAT(Names("蒲佳萍说没问题"), ElementsAre("蒲佳萍"));
  EXPECT_THAT(Names("请冼主任回电"), ElementsAre("冼主任"));
  EXPECT_THAT(Names("我叫淳于越"), ElementsAre("淳于越"));
}

TEST(ChineseNamesTest, FindsSurnamesWithTitlesAndRoles) {
  EXPECT_THAT(Names("郭经理反映楼道灯坏了"), ElementsAre("郭经理"));
  EXPECT_THAT(Names("网格员牟阿姨每周都来"), ElementsAre("牟阿姨"));
  EXPECT_THAT(Names("这件事是佘主任负责的"), ElementsAre("佘主任"));
  EXPECT_THAT(Names("我是李师傅"), ElementsAre("李师傅"));
  EXPECT_THAT(Names("王总，你好"), ElementsAre("王总"));
  EXPECT_THAT(Names("鄭經理說"), ElementsAre("鄭經理"));
  // Full names on either side of a role word are the name alone.
  EXPECT_THAT(Names("经理王建国说会处理"), ElementsAre("王建国"));
  EXPECT_THAT(Names("司机蒲佳萍人很好"), ElementsAre("蒲佳萍"));
  EXPECT_THAT(Names("王建国经理说会处理"), ElementsAre("王建国"));
  // A title after a word that ends in a surname character is no name.
  EXPECT_THAT(Names("开会时经理说了"), IsEmpty());
  EXPECT_THAT(Names("王总结了经验"), IsEmpty());
  EXPECT_THAT(Names("我们的班主任很好"), IsEmpty());
  EXPECT_THAT(Names("社区医生来过了"), IsEmpty());
  EXPECT_THAT(Names("温度小于零度"), IsEmpty());
}

TEST(ChineseNamesTest, FindsTransliteratedForeignNames) {
  // Parts joined by any dot of the family: one finding across the dot.
  EXPECT_THAT(Names("负责人是安娜•冈萨雷斯。"), ElementsAre("安娜•冈萨雷斯"));
  EXPECT_THAT(Names("物业的伊丽莎白·尼尔森态度很差。"), ElementsAre("伊丽莎白·尼尔森"));
  EXPECT_THAT(Names("毕超和胡安・尼尔森一起"), ElementsAre("毕超", "胡安・尼尔森"));
  EXPECT_THAT(Names("感谢卡洛斯·史密斯的帮助"), ElementsAre("卡洛斯·史密斯"));
  EXPECT_THAT(Names("穆罕默德‧阿里"), ElementsAre("穆罕默德‧阿里"));
  EXPECT_THAT(Names("玛丽亚.冈萨雷斯"), ElementsAre("玛丽亚.冈萨雷斯"));
  EXPECT_THAT(Names("扎西·多吉来了"), ElementsAre("扎西·多吉"));
  // One part after a role word or before a title.
  EXPECT_THAT(Names("负责人是安娜"), ElementsAre("安娜"));
  EXPECT_THAT(Names("经理约翰说没问题"), ElementsAre("约翰"));
  EXPECT_THAT(Names("我叫弗朗西斯科"), ElementsAre("弗朗西斯科"));
  EXPECT_THAT(Names("史密斯先生反映噪音"), ElementsAre("史密斯"));
  // Places and loanwords in the same characters are not names.
  EXPECT_THAT(Names("我是巴西人"), IsEmpty());
  EXPECT_THAT(Names("老家是拉萨的"), IsEmpty());
  EXPECT_THAT(Names("负责人为阿姆斯特丹代表团"), IsEmpty());
  EXPECT_THAT(Names("负责人是哥本哈根市政府"), IsEmpty());
  EXPECT_THAT(Names("邻居买了新沙发"), IsEmpty());
  EXPECT_THAT(Names("中国·杭州"), IsEmpty());
  EXPECT_THAT(Names("2023·上海马拉松"), IsEmpty());
}

TEST(ChineseNamesTest, FindsASurnameTypedApartFromItsGivenName) {
  EXPECT_THAT(Names("周 璐说小区的垃圾分类做得不好"), ElementsAre("周 璐"));
  EXPECT_THAT(Names("王\u3000建国"), ElementsAre("王\u3000建国"));
  EXPECT_THAT(Names("联系人王 芳"), ElementsAre("王 芳"));
  EXPECT_THAT(Names("周 末"), IsEmpty());
}

TEST(ChineseNamesTest, LeavesPlacesNamedAfterPeopleAlone) {
  for (std::string_view place : {"张自忠路", "中山路", "中山公园", "鲁迅公园", "逸夫楼", "周家嘴路",
                                 "潘家园", "黄兴路", "石河子", "刘家窑", "张江高科", "万达广场"}) {
    EXPECT_THAT(Names(place), IsEmpty()) << place;
    EXPECT_THAT(Names(std::string(place) + "上有个大坑。"), IsEmpty()) << place;
  }
  // A verb after the name is no place: 路过.
  EXPECT_THAT(Names("王芳路过这里"), ElementsAre("王芳"));
}

// Villages named after a clan (白家疃), streets of old Beijing (斜街), and shops and restaurants
// named after their founder (陈记, 杨国福麻辣烫): the place or the business, not a person.
TEST(ChineseNamesTest, LeavesVillagesAndShopsNamedAfterPeopleAlone) {
  for (std::string_view text :
       {"我老家在白家疃。", "周末我们去丁家坎。", "区里沿杨梅竹斜街种植了行道树。",
        "我在陈记烧腊上班。", "每天早上蔡林记门口都排长队。", "活动由杨国福麻辣烫赞助。",
        "我们得到了姚记炒肝的帮助。", "感谢张亮麻辣烫的支持！", "刘记面馆今天不开门。"}) {
    EXPECT_THAT(Names(text), IsEmpty()) << text;
  }
  // A word that begins with 记 after a name is no shop: the minute-taker is a person.
  EXPECT_THAT(Names("会议由张洋主持，田磊欣记录。"), ElementsAre("张洋", "田磊欣"));
  EXPECT_THAT(Names("王记者来采访了。"), ElementsAre("王记者"));
}

// Shops and brands named after their founders (周大福, 王老吉, 李宁) and Beijing neighbourhoods
// that begin with a surname character (蒲黄榆, 孙河): the business or the place.
TEST(ChineseNamesTest, LeavesFoundersBrandsAndNeighbourhoodsAlone) {
  for (std::string_view text :
       {"感谢周大福的支持！", "活动由王老吉赞助。", "我们得到了周黑鸭的帮助。", "我在李宁上班。",
        "每天早上吴裕泰门口都排长队。", "张一元答应会处理。", "去蒲黄榆的火车又停运了。",
        "我从孙河搬到北京已经十年了。", "老凤祥的货车晚上太吵了。"}) {
    EXPECT_THAT(Names(text), IsEmpty()) << text;
  }
  // A person with the same surname is still a person.
  EXPECT_THAT(Names("感谢周明的支持！"), ElementsAre("周明"));
  EXPECT_THAT(Names("我叫李宁。"), ElementsAre("李宁"));
}

// Names in Latin letters after the Chinese words that introduce a person.
TEST(ChineseNamesTest, FindsPinyinAndLatinNamesAfterChineseIntroducers) {
  EXPECT_THAT(Names("我叫Coco Fang,是这个小区的居民。"), ElementsAre("Coco Fang"));
  EXPECT_THAT(Names("联系人：Wang Xiaoming"), ElementsAre("Wang Xiaoming"));
  EXPECT_THAT(Names("请找 Ouyang Xue 办理。"), ElementsAre("Ouyang Xue"));
  // Latin words that are no name stay: a brand after 和.
  EXPECT_THAT(Names("我用的是Apple Music和Google Maps。"), IsEmpty());
}

TEST(ChineseNamesTest, FindsCompoundSurnames) {
  EXPECT_THAT(Names("司马光"), ElementsAre("司马光"));
  EXPECT_THAT(Names("我叫诸葛明"), ElementsAre("诸葛明"));
  EXPECT_THAT(Names("上官婉儿说"), ElementsAre("上官婉儿"));
  EXPECT_THAT(Names("联系人：慕容雪"), ElementsAre("慕容雪"));
  EXPECT_THAT(Names("令狐冲在吗"), ElementsAre("令狐冲"));
}

TEST(ChineseNamesTest, FindsTraditionalScript) {
  EXPECT_THAT(Names("陳建國"), ElementsAre("陳建國"));
  EXPECT_THAT(Names("我叫張偉"), ElementsAre("張偉"));
  EXPECT_THAT(Names("聯繫人：黃志強"), ElementsAre("黃志強"));
  EXPECT_THAT(Names("劉德華先生"), ElementsAre("劉德華"));
  EXPECT_THAT(Names("趙麗說她明天來"), ElementsAre("趙麗"));
  EXPECT_THAT(Names("吳先生"), ElementsAre("吳先生"));
}

TEST(ChineseNamesTest, FindsNamesNextToLatinDigitsAndPunctuation) {
  EXPECT_THAT(Names("contact 王伟 at the front desk"), ElementsAre("王伟"));
  EXPECT_THAT(Names("王伟123"), ElementsAre("王伟"));
  EXPECT_THAT(Names("3号楼李强"), ElementsAre("李强"));
  EXPECT_THAT(Names("（高敏）"), ElementsAre("高敏"));
  EXPECT_THAT(Names("(高敏)"), ElementsAre("高敏"));
  EXPECT_THAT(Names("“张丽”说"), ElementsAre("张丽"));
  EXPECT_THAT(Names("Name: 陈静; tel 13800138000"), ElementsAre("陈静"));
}

TEST(ChineseNamesTest, NamesAreRedactedWithoutTheirContext) {
  const std::string text = "我叫王建国，住在朝阳区";
  std::vector<Finding> findings;
  Scanner().Scan(text, {}, findings);
  EXPECT_EQ(IdentifierScanner::Redact(text, findings), "我叫[removed]，住在朝阳区");
}

// ---------------------------------------------------------------------------------------------
// Look-alikes.

// 李子 (plum) is not here: jieba's dictionary knows it as a name too, and alone the two readings
// tie; the measurement below counts it among the look-alikes.
TEST(ChineseNamesTest, LeavesWordsThatBeginWithASurnameAlone) {
  for (std::string_view word :
       {"周末", "高速", "黄河", "马上", "方便", "金融", "白天", "林业", "张开", "陈列", "杨柳",
        "江边", "何时", "常常", "程序", "文化", "安全", "包括", "钱包", "孙子", "胡同", "高峰时段",
        "王国", "石头", "田地", "朱红", "万一", "于是", "向前", "龙头", "严重", "武器", "毛巾"}) {
    EXPECT_THAT(Names(word), IsEmpty()) << word;
    EXPECT_THAT(Names(std::string("我们讨论了") + std::string(word) + "的问题。"), IsEmpty())
        << word;
  }
}

TEST(ChineseNamesTest, LeavesPlacesAlone) {
  for (std::string_view place :
       {"石家庄", "张家口", "沈阳", "常州", "徐州", "温州", "许昌", "唐山", "秦皇岛", "洛阳",
        "朝阳区", "海淀区", "王府井", "丰台", "通州", "黄浦", "黄山", "金华", "长沙"}) {
    EXPECT_THAT(Names(place), IsEmpty()) << place;
    EXPECT_THAT(Names(std::string("我住在") + std::string(place) + "。"), IsEmpty()) << place;
  }
}

TEST(ChineseNamesTest, LeavesCaseStudyProseAlone) {
  for (std::string_view prose : {
           "在丹麦外交部战略部门合作计划下，哥本哈根和北京市的城市专家在气候适应、能源优化、"
           "污水处理管理和循环经济方面开展合作。",
           "合作分享哥本哈根和丹麦企业具有较强专业能力、对气候具有重要意义的最新知识。"
           "迄今为止的经验表明，哥本哈根也在向北京学习。",
           "北京市通州区的再生水厂采用膜生物反应器技术，出水水质达到地表水标准，"
           "部分用于河道补水和城市绿化。",
           "哥本哈根的自行车道网络让市民骑车通勤更加安全方便，高峰时段自行车流量超过汽车。",
           "周末很多家庭沿着海港骑行，共享单车小黄车也很方便。",
           "气候计划提出到2025年实现碳中和，措施包括提高建筑能效、发展区域供热和扩大风电规模。",
           "黄河流域的水资源管理面临严重挑战，于是当地政府向前推进节水改造。",
           "王府井大街周边的步行区改造后，人流量明显增加。",
           "布宜诺斯艾利斯的公共自行车系统覆盖全市，方便居民短途出行。",
       }) {
    EXPECT_THAT(Names(prose), IsEmpty()) << prose;
  }
}

TEST(ChineseNamesTest, ScansPathologicalCellsInLinearTime) {
  // Surname characters only (every position starts candidates), a long run of one name,
  // Transliteration characters joined by dots, and surnames apart from given names.
  std::string surnames;
  std::string names;
  std::string dotted;
  std::string spaced;
  while (surnames.size() < (std::size_t{1} << 20)) surnames += "王欧阳李";
  while (names.size() < (std::size_t{1} << 20)) names += "王芳";
  while (dotted.size() < (std::size_t{1} << 20)) dotted += "安娜·斯斯斯斯斯斯斯斯斯";
  while (spaced.size() < (std::size_t{1} << 20)) spaced += "王 芳 ";
  // This thread's CPU time, so that other work on a busy machine does not count.
  const double start = ThreadCpuSeconds();
  std::vector<Finding> findings;
  Scanner().Scan(surnames, {}, findings);
  Scanner().Scan(names, {}, findings);
  Scanner().Scan(dotted, {}, findings);
  Scanner().Scan(spaced, {}, findings);
  const double seconds = ThreadCpuSeconds() - start;
  // Milliseconds in a release build; the bound leaves room for debug and sanitizer builds.
  EXPECT_LT(seconds, 5.0);
  EXPECT_FALSE(findings.empty());
}

// ---------------------------------------------------------------------------------------------
// The measurement: names built from common surnames and given-name characters, in sentence
// templates, and look-alike sentences from ordinary words and places. Issue 14 asks for recall
// >= 99.5 % and >= 95 % of look-alikes left alone.

// Among the 100 most common surnames, and compound ones.
constexpr std::string_view kSurnames[] = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
    "郭", "何", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭",
    "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏",
    "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金", "石",
    "廖", "贾", "夏", "韦", "付", "方", "白", "邹", "孟", "熊", "秦", "邱", "江", "尹", "薛",
    "闫", "段", "雷", "侯", "龙", "史", "陶", "黎", "贺", "顾", "毛", "郝", "龚", "邵", "万",
    "钱", "严", "覃", "武", "戴", "莫", "孔", "向", "汤", "高"};
constexpr std::string_view kCompoundSurnames[] = {"欧阳", "司马", "上官", "诸葛", "东方",
                                                  "皇甫", "尉迟", "公孙", "慕容", "长孙",
                                                  "宇文", "司徒", "夏侯", "令狐", "端木"};
// Characters common in given names.
constexpr std::string_view kGivenChars[] = {
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
    "超", "霞", "刚", "桂", "斌", "宇", "浩", "凯", "鹏", "婷", "雪", "琳", "晶", "颖", "玉",
    "梅", "俊", "辉", "鑫", "欣", "怡", "佳", "涵", "轩", "博", "瑞", "嘉", "萱", "泽", "晨",
    "宁", "飞", "波", "峰", "亮", "莉", "燕", "萍", "玲", "丹", "慧", "倩", "蕾", "薇", "琪",
    "瑶", "璐", "婧", "珊", "菲", "悦", "彤", "妍", "晓", "梦", "露", "凤", "鸿", "宏", "荣",
    "志", "秀", "英", "兰", "华", "建", "文", "明", "红", "春", "海", "云", "德", "立", "永",
    "淑", "贤", "惠", "琴", "翠", "珍", "锋", "毅", "楠", "彬", "帅", "豪", "琦", "昊", "钰",
    "诚", "芬", "蓉", "媛", "娇", "妮", "岚", "洁", "睿", "逸", "铭", "哲", "翔", "腾", "坤",
    "辰", "振", "耀", "晖", "帆", "靖", "梓", "馨", "雯", "茜", "旭", "骏", "婉", "子", "思"};

// "{}" stands for the name.
constexpr std::string_view kNameTemplates[] = {"我叫{}，住在朝阳区。",
                                               "联系人：{}，电话13800138000",
                                               "请转告{}明天开会",
                                               "{}说楼道的灯坏了",
                                               "我和{}一起去公园",
                                               "{}在社区工作了五年",
                                               "{}先生反映楼下很吵",
                                               "{}女士",
                                               "邻居{}帮了很多忙",
                                               "居民{}投诉噪音",
                                               "张伟、{}和李秀英都参加了",
                                               "contact {} at the office",
                                               "{}的电话是13912345678",
                                               "刚才是{}打来的",
                                               "请给{}回个电话",
                                               "有事找{}",
                                               "{}住在三楼",
                                               "{}",
                                               "姓名：{}",
                                               "感谢{}的帮助！",
                                               "{}，男，35岁",
                                               "申请人{}同意上述条款",
                                               "{}和她的女儿",
                                               "我的朋友{}很热心",
                                               "投诉人：{}（业主）",
                                               "{} 12号楼",
                                               "负责人为{}。",
                                               "{}老师很好",
                                               "Submitted by {}.",
                                               "“{}”说没问题"};

// Ordinary words that begin with a surname character.
constexpr std::string_view kLookAlikeWords[] = {
    "周末",   "高速", "黄河", "马上",   "方便", "金融",   "白天", "林业",     "张开",   "陈列",
    "杨柳",   "江边", "何时", "常常",   "程序", "文化",   "安全", "包括",     "钱包",   "胡同",
    "李子",   "高峰", "王国", "石头",   "田地", "朱红",   "万一", "于是",     "向前",   "龙头",
    "严重",   "武器", "毛巾", "高兴",   "高级", "高度",   "高中", "高楼",     "高温",   "黄色",
    "黄金",   "黄瓜", "马路", "马车",   "方面", "方法",   "方向", "方案",     "方式",   "金额",
    "金属",   "白色", "白菜", "林地",   "张贴", "陈旧",   "杨树", "江南",     "何况",   "常见",
    "常用",   "程度", "文件", "文明",   "文字", "安排",   "安静", "安装",     "包装",   "钱财",
    "孙女",   "胡子", "王牌", "石油",   "石材", "田野",   "朱砂", "万分",     "于今",   "向来",
    "龙舟",   "严格", "武术", "毛衣",   "周围", "周期",   "周年", "周边",     "徐徐",   "孙辈",
    "许多",   "许可", "韩国", "曾经",   "田径", "董事",   "余额", "余下",     "杜绝",   "叶子",
    "程序员", "苏醒", "魏晋", "丁香",   "任务", "任何",   "卢布", "姜汤",     "钟表",   "钟头",
    "陆地",   "陆续", "汪洋", "范围",   "范例", "金钱",   "石榴", "夏天",     "夏季",   "付款",
    "付出",   "方才", "白领", "邹城",   "熊猫", "秦岭",   "江河", "段落",     "雷雨",   "雷达",
    "侯爵",   "龙虾", "史料", "陶瓷",   "黎明", "贺卡",   "顾客", "顾问",     "毛病",   "万物",
    "钱款",   "严肃", "武装", "戴帽子", "莫非", "向日葵", "汤圆", "高峰时段", "黄金周", "石家庄"};
// Places that begin with a surname character.
constexpr std::string_view kLookAlikePlaces[] = {
    "石家庄", "张家口", "沈阳",   "常州",   "徐州", "温州", "许昌", "唐山",  "秦皇岛",
    "洛阳",   "朝阳区", "海淀区", "王府井", "丰台", "通州", "黄浦", "黄山",  "金华",
    "江门",   "龙岩",   "马鞍山", "高雄",   "周口", "宋庄", "林芝", "苏州",  "宁波",
    "武汉",   "白山",   "贺州",   "汉中",   "安庆", "孝感", "邵阳", "岳阳",  "梅州",
    "邢台",   "胡同里", "方庄",   "黄石",   "钟楼", "鼓楼", "江宁", "夏威夷"};
constexpr std::string_view kLookAlikeTemplates[] = {"{}的问题很重要。",
                                                    "我们讨论了{}。",
                                                    "这个{}很好",
                                                    "{}",
                                                    "关于{}的报告",
                                                    "在{}附近有一家店",
                                                    "他说{}不是问题",
                                                    "今年的{}比去年多",
                                                    "{}是我们关注的重点",
                                                    "大家都知道{}",
                                                    "我住在{}，靠近地铁站",
                                                    "{}的天气不错",
                                                    "请在{}前完成",
                                                    "从{}到市中心要一小时",
                                                    "{}，2023年"};

std::string Fill(std::string_view tmpl, std::string_view word) {
  std::string out(tmpl);
  const std::size_t at = out.find("{}");
  out.replace(at, 2, word);
  return out;
}

TEST(ChineseNamesTest, MeasuresRecallAndPrecisionOnGeneratedText) {
  std::mt19937 random(14);
  auto pick = [&](auto const& list) { return list[random() % std::size(list)]; };

  std::size_t names = 0;
  std::size_t found = 0;
  std::size_t covered = 0;
  std::size_t wrong = 0;  // findings that are not the name
  std::size_t chinese_bytes = 0;
  std::vector<std::string> sentences;
  std::vector<std::string> misses;
  for (int i = 0; i < 3000; ++i) {
    std::string name(random() % 10 == 0 ? pick(kCompoundSurnames) : pick(kSurnames));
    const std::size_t given = 1 + random() % 2;
    for (std::size_t g = 0; g < given; ++g) name += pick(kGivenChars);
    const std::string text = Fill(pick(kNameTemplates), name);
    const std::size_t at = text.find(name);
    std::vector<Finding> findings;
    Scanner().Scan(text, {}, findings);
    bool exact = false;
    bool overlaps = false;
    for (const Finding& f : findings) {
      if (f.kind != IdentifierKind::kName) continue;
      if (f.begin == at && f.end == at + name.size()) {
        exact = true;
      } else if (f.begin < at + name.size() && at < f.end) {
        overlaps = true;
      } else if (text.substr(f.begin, f.end - f.begin) != "张伟" &&
                 text.substr(f.begin, f.end - f.begin) != "李秀英") {
        ++wrong;
      }
    }
    if (overlaps && !exact) ++wrong;
    ++names;
    found += exact ? 1 : 0;
    covered += exact || overlaps ? 1 : 0;
    if (!exact && misses.size() < 20) misses.push_back(text);
    chinese_bytes += text.size();
    sentences.push_back(text);
  }

  std::size_t look_alikes = 0;
  std::size_t left_alone = 0;
  std::size_t false_findings = 0;
  std::vector<std::string> false_positives;
  for (int i = 0; i < 3000; ++i) {
    const std::string_view word = i % 3 == 0 ? pick(kLookAlikePlaces) : pick(kLookAlikeWords);
    const std::string text = Fill(pick(kLookAlikeTemplates), word);
    const std::vector<std::string> found_names = Names(text);
    ++look_alikes;
    if (found_names.empty()) {
      ++left_alone;
    } else {
      false_findings += found_names.size();
      if (false_positives.size() < 20) false_positives.push_back(text);
    }
    chinese_bytes += text.size();
    sentences.push_back(text);
  }

  const double recall = static_cast<double>(found) / static_cast<double>(names);
  const double recall_covered = static_cast<double>(covered) / static_cast<double>(names);
  const double alone = static_cast<double>(left_alone) / static_cast<double>(look_alikes);
  const double precision =
      static_cast<double>(found) / static_cast<double>(found + wrong + false_findings);
  std::printf(
      "Chinese names: recall %.2f %% exact span (%.2f %% covered) of %zu names; "
      "%.2f %% of %zu look-alike sentences left alone; precision %.2f %%\n",
      100 * recall, 100 * recall_covered, names, 100 * alone, look_alikes, 100 * precision);
  for (const std::string& m : misses) std::printf("  missed: %s\n", m.c_str());
  for (const std::string& f : false_positives) std::printf("  false: %s\n", f.c_str());
  EXPECT_GE(recall, 0.995);
  EXPECT_GE(alone, 0.95);
  EXPECT_GE(precision, 0.95);

  // Speed on the same sentences, for the report (asserted nowhere: debug builds are slow).
  const auto start = std::chrono::steady_clock::now();
  std::size_t scanned = 0;
  std::size_t total = 0;
  std::vector<Finding> findings;
  while (std::chrono::steady_clock::now() - start < std::chrono::milliseconds(300)) {
    for (const std::string& s : sentences) {
      findings.clear();
      Scanner().Scan(s, {}, findings);
      total += findings.size();
    }
    scanned += chinese_bytes;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("Chinese names: scanned %.1f MB/s of these sentences (%zu findings)\n",
              static_cast<double>(scanned) / seconds / 1e6, total);
}

// ---------------------------------------------------------------------------------------------
// The forms a citizen also writes names in, measured the same way per form: surnames beyond the
// common ones, a surname with a title or a kinship word, full names beside role words, foreign
// names in transliteration, traditional script, names against digits and Latin text, and a
// surname typed apart from its given name. The look-alikes add ordinary words beginning with
// the rarer surname characters, streets and places named after people, foreign places and
// loanwords after role words, and case-study prose. The vocabularies are this file's own.

// Rarer surnames, single and compound.
constexpr std::string_view kRareSurnames[] = {
    "仲",   "姬",   "牟",   "柏",   "蒲",   "佘",   "冼",   "阳",   "迟",   "冷",   "傅",  "萧",
    "柳",   "费",   "凤",   "谯",   "揭",   "禤",   "仝",   "甄",   "荀",   "嵇",   "裘",  "邴",
    "糜",   "宓",   "郗",   "钭",   "厉",   "戎",   "韶",   "郜",   "邰",   "胥",   "逄",  "郤",
    "濮",   "扈",   "郏",   "茹",   "宦",   "庾",   "暨",   "阙",   "夔",   "厍",   "晁",  "勾",
    "阚",   "蒯",   "竺",   "逯",   "桓",   "缑",   "亢",   "佴",   "笪",   "谌",   "闵",  "訾",
    "淳于", "单于", "呼延", "南宫", "百里", "东郭", "公孙", "梁丘", "左丘", "宇文", "拓跋"};
// Titles, roles and kinship words after a surname.
constexpr std::string_view kTitles[] = {
    "经理", "教授", "主任", "医生", "老师", "书记", "局长", "院长", "校长",   "总监",   "师傅",
    "阿姨", "大爷", "大妈", "同学", "先生", "女士", "小姐", "律师", "警官",   "会计",   "护士",
    "科长", "处长", "厂长", "村长", "队长", "部长", "大夫", "博士", "工程师", "董事长", "总经理",
    "大姐", "大哥", "叔叔", "奶奶", "爷爷", "老板", "秘书", "助理", "社长",   "站长",   "所长"};
// Surname + title in a sentence; the finding should cover both.
constexpr std::string_view kTitleTemplates[] = {"{}反映楼道灯坏了很久了。",
                                                "请{}下午回个电话",
                                                "这件事是{}负责的。",
                                                "昨天{}给我打电话了",
                                                "{}",
                                                "感谢{}的耐心解答！",
                                                "我们小区的{}人很好",
                                                "{}说下周来检查",
                                                "联系人：{}",
                                                "有问题找{}",
                                                "{}和我一起去了现场",
                                                "麻烦{}帮忙看一下"};
// Foreign given names and surnames as Chinese writes them.
constexpr std::string_view kForeignGiven[] = {
    "安娜",     "玛丽亚",     "约翰",     "彼得",       "大卫",      "汉斯",     "卡洛斯",
    "索菲亚",   "露西亚",     "伊丽莎白", "詹姆斯",     "埃米尔",    "玛蒂尔德", "迈克尔",
    "罗伯特",   "克里斯蒂娜", "娜塔莉",   "弗朗西斯科", "阿里",      "穆罕默德", "法蒂玛",
    "奥利维亚", "卡特琳娜",   "尼古拉斯", "托马斯",     "塞巴斯蒂安"};
constexpr std::string_view kForeignFamily[] = {
    "冈萨雷斯", "尼尔森", "延森",   "汉森",   "史密斯", "罗德里格斯", "费尔南德斯", "彼得森",
    "拉斯穆森", "穆勒",   "布朗",   "加西亚", "约翰逊", "马丁内斯",   "克里斯滕森", "安德森",
    "施密特",   "洛佩斯", "桑切斯", "佩德森", "拉森",   "威廉姆斯",   "戈麦斯",     "托雷斯"};
constexpr std::string_view kNameDots[] = {"·", "•", "・", "‧", "．", "･"};
constexpr std::string_view kForeignTemplates[] = {
    "负责人是{}。",       "物业的{}态度很差。", "我和{}是同事。",           "感谢{}的热心帮助！",
    "{}说垃圾站太臭了",   "填表人：{}",         "问一下{}吧，她比较清楚。", "{}",
    "我叫{}，住在通州。", "邻居{}每天都很吵。"};
// A single foreign given name after a role word or before a title.
constexpr std::string_view kForeignRoleTemplates[] = {
    "负责人是{}。",   "经理{}说没问题", "联系人：{}", "护士{}很耐心",   "我的邻居{}很热心",
    "{}先生反映噪音", "{}女士来过电话", "我叫{}",     "社工{}每周都来", "房东{}不回消息"};
// Full names beside role words: before (经理王建国) and after (王建国经理).
constexpr std::string_view kRoleNameTemplates[] = {
    "经理{}说会处理", "{}经理说会处理", "社区医生{}很负责", "{}医生很负责", "居委会主任{}来过",
    "{}主任来过",     "司机{}人很好",   "{}师傅修好了水管", "保安{}值夜班", "{}老师教得很好"};
// Traditional script: surnames, given-name characters and titles.
constexpr std::string_view kTradSurnames[] = {"陳", "劉", "張", "黃", "趙",   "吳",  "鄭", "謝",
                                              "許", "鄧", "馮", "蕭", "葉",   "蘇",  "盧", "蔣",
                                              "賴", "錢", "孫", "楊", "歐陽", "司馬"};
constexpr std::string_view kTradGiven[] = {"偉", "國", "華", "強", "麗", "靜", "軍", "傑", "鳳",
                                           "龍", "娟", "豔", "婷", "明", "芳", "敏", "輝", "慧",
                                           "嘉", "穎", "儀", "倫", "俊", "誠", "寶", "瑩"};
constexpr std::string_view kTradTitles[] = {"經理", "醫生", "師傅", "書記", "局長",
                                            "老師", "先生", "女士", "護士", "總監"};
constexpr std::string_view kTradTemplates[] = {"我叫{}，住在台北。", "聯絡人：{}",   "{}說沒問題",
                                               "請{}回電",           "感謝{}的幫忙", "{}"};
// Names against digits, Latin text and ASCII punctuation.
constexpr std::string_view kMixedTemplates[] = {
    "{}13800138000",         "3号楼2单元{}",      "Room 302 {}",      "{}(13912345678)",
    "tel:13800138000/{}",    "contact {} ASAP",   "{}@二楼",          "[{}] 投诉噪音",
    "ID:4403 {} 2024-05-01", "Name: {}; Age: 35", "{}，male，1985年", "by {}"};

// Words beginning with one of the rarer surname characters, and more common ones.
constexpr std::string_view kMoreLookAlikeWords[] = {
    "柏油", "柏林", "仲裁", "阳光",   "阳台", "冷气", "冷静", "成本", "成功",   "明天", "明白",
    "平时", "平台", "费用", "柳树",   "迟到", "麻烦", "危险", "支持", "皮肤",   "师傅", "富人",
    "印象", "暴雨", "权利", "容易",   "松树", "寿命", "索要", "封路", "薄荷",   "代表", "母亲",
    "展览", "铁路", "练习", "招聘",   "乐观", "元旦", "凤凰", "伏天", "蒲公英", "全体", "车主",
    "花园", "路灯", "华人", "宁可",   "沙发", "门口", "计划", "强烈", "丛林",   "尤其", "司法",
    "荣誉", "鞠躬", "边上", "游泳",   "衣服", "都市", "宿舍", "毕业", "燕子",   "谈话", "萧条",
    "仲夏", "练车", "展开", "乐队",   "元宵", "平安", "云朵", "明星", "母校",   "甄别", "戎装",
    "庾信", "暨南", "阙如", "竺可桢", "荆棘", "祖国", "牧场", "阴天", "容量",   "须知", "干净"};
// Places and streets named after people, and places that read as names.
constexpr std::string_view kNamedPlaces[] = {
    "张自忠路",     "中山路",   "中山北路", "逸仙路",   "鲁迅公园",     "宋庆龄故居", "黄兴路",
    "左家庄",       "李村",     "王家湾",   "刘家窑",   "马家堡",       "赵公口",     "潘家园",
    "周家嘴路",     "石河子",   "杨家坪",   "陈家祠",   "何家村",       "孙河",       "吴家场",
    "中山公园",     "仲恺路",   "蔡锷路",   "黄埔军校", "周恩来纪念馆", "邓小平故居", "林森路",
    "郑成功纪念馆", "罗湖口岸", "华强北",   "柏林",     "冷水江",       "阳朔",       "迟家村"};
constexpr std::string_view kPlaceTemplates[] = {"{}的路灯坏了。",
                                                "我住在{}附近。",
                                                "{}上有个大坑。",
                                                "从{}到市中心要四十分钟",
                                                "{}和人民路路口很危险",
                                                "1998年以后{}变成了步行街。",
                                                "{}",
                                                "老家是{}的。"};
// Foreign places and loanwords, written in the same characters as foreign names, after words
// that introduce a person or before words that follow one.
constexpr std::string_view kForeignWords[] = {
    "哥本哈根", "布宜诺斯艾利斯", "巴塞罗那", "马德里",   "阿姆斯特丹", "斯德哥尔摩", "赫尔辛基",
    "伦敦",     "巴黎",           "柏林",     "维也纳",   "布鲁塞尔",   "里斯本",     "莫斯科",
    "纽约",     "洛杉矶",         "芝加哥",   "多伦多",   "悉尼",       "墨尔本",     "新加坡",
    "曼谷",     "迪拜",           "开罗",     "圣保罗",   "里约热内卢", "墨西哥城",   "丹麦",
    "巴西",     "阿根廷",         "意大利",   "澳大利亚", "俄罗斯",     "沙发",       "咖啡",
    "巧克力",   "披萨",           "汉堡",     "沙拉",     "马拉松",     "卡车",       "吉他",
    "芭蕾",     "派对",           "摩托",     "雷达",     "维生素",     "可乐",       "伏特加",
    "白兰地",   "香槟",           "巴士",     "模特",     "沙龙",       "幽默",       "逻辑"};
constexpr std::string_view kForeignWordTemplates[] = {
    "负责人是{}办事处的", "老师去了{}",       "我是{}人",         "邻居买了{}",
    "联系人：{}分公司",   "朋友在{}工作",     "经理喜欢{}",       "志愿者参加了{}活动",
    "感谢{}的支持",       "我们和{}合作",     "居民反映{}太贵了", "{}先生们都来了",
    "同事推荐了{}",       "负责人为{}代表团", "{}女士优先"};
// Case-study prose: city cooperation, climate, mobility.
constexpr std::string_view kCaseStudyProse[] = {
    "2019年，哥本哈根与北京在城市更新领域签署了合作备忘录，双方围绕老旧小区改造交流经验。",
    "成都市锦江区在河道治理中引入了海绵城市理念，雨季内涝明显减少。",
    "布宜诺斯艾利斯的快速公交系统沿七月九日大道运行，每天运送数十万乘客。",
    "上海市徐汇区的滨江步道改造后，周末人流量成倍增长，沿线商铺营业额上升。",
    "张自忠路沿线的胡同微更新项目保留了原有街巷肌理，居民参与了方案讨论。",
    "中山路步行街在1998年改造，如今是城市的重要商业街区。",
    "深圳华强北的电子市场经历转型，部分商铺改为创客空间。",
    "杭州西湖周边实施了机动车限行措施，游客可以租用公共自行车游览。",
    "C40城市气候领导联盟的成员城市承诺在2030年前将排放减半。",
    "武汉东湖绿道全长一百余公里，连接了多个公园和湿地。",
    "广州越秀区的骑楼街修缮后，吸引了大量年轻游客。",
    "北京通州城市副中心的规划强调职住平衡和公共交通优先。",
    "阳光充足的屋顶安装了光伏板，冷热负荷也随之下降。",
    "明年计划扩建柏油路面，平台将公开施工进度。",
    "成本核算显示，费用主要来自管网改造和人员培训。"};

// One tally per form: exact spans found, and look-alike sentences left alone.
struct FormTally {
  explicit FormTally(std::string_view name) : form(name) {}
  std::string_view form;
  std::size_t items = 0;
  std::size_t right = 0;
  std::vector<std::string> wrong;
};

// Counts `text` as right when a name finding spans exactly `name` (all of it in one finding).
void CountName(FormTally& tally, const std::string& text, const std::string& name) {
  const std::size_t at = text.find(name);
  std::vector<Finding> findings;
  Scanner().Scan(text, {}, findings);
  bool exact = false;
  for (const Finding& f : findings) {
    exact =
        exact || (f.kind == IdentifierKind::kName && f.begin == at && f.end == at + name.size());
  }
  ++tally.items;
  tally.right += exact ? 1 : 0;
  if (!exact && tally.wrong.size() < 8) tally.wrong.push_back(text);
}

void CountLookAlike(FormTally& tally, const std::string& text) {
  const std::vector<std::string> found = Names(text);
  ++tally.items;
  tally.right += found.empty() ? 1 : 0;
  if (!found.empty() && tally.wrong.size() < 8) tally.wrong.push_back(text + " -> " + found[0]);
}

double Rate(const FormTally& t) {
  return static_cast<double>(t.right) / static_cast<double>(t.items);
}

void Print(const FormTally& t) {
  std::printf("  %-22s %6.2f %% (%zu/%zu)\n", std::string(t.form).c_str(), 100 * Rate(t), t.right,
              t.items);
  for (const std::string& w : t.wrong) std::printf("      %s\n", w.c_str());
}

TEST(ChineseNamesTest, MeasuresEveryFormOfNameAndLookAlike) {
  std::mt19937 random(1414);
  auto pick = [&](auto const& list) { return std::string(list[random() % std::size(list)]); };
  auto given = [&]() {
    std::string g = pick(kGivenChars);
    if (random() % 3 != 0) g += pick(kGivenChars);
    return g;
  };
  constexpr int kPerForm = 600;

  FormTally rare("rare surname + given");
  FormTally titled("surname + title");
  FormTally prefixed("老/小 + surname");
  FormTally role("full name + role word");
  FormTally dotted("foreign, dotted");
  FormTally foreign_role("foreign, by a role");
  FormTally traditional("traditional script");
  FormTally mixed("beside digits, Latin");
  FormTally spaced("surname, space, given");
  for (int i = 0; i < kPerForm; ++i) {
    const std::string rare_name = pick(kRareSurnames) + given();
    CountName(rare, Fill(pick(kNameTemplates), rare_name), rare_name);

    const std::string surname = random() % 3 == 0 ? pick(kRareSurnames) : pick(kSurnames);
    const std::string with_title = surname + pick(kTitles);
    CountName(titled, Fill(pick(kTitleTemplates), with_title), with_title);

    const std::string old_or_young = std::string(random() % 2 == 0 ? "老" : "小") + pick(kSurnames);
    CountName(prefixed, Fill(pick(kTitleTemplates), old_or_young), old_or_young);

    const std::string full = pick(kSurnames) + given();
    CountName(role, Fill(pick(kRoleNameTemplates), full), full);

    const std::string foreign = pick(kForeignGiven) + pick(kNameDots) + pick(kForeignFamily);
    CountName(dotted, Fill(pick(kForeignTemplates), foreign), foreign);

    const std::string foreign_given = pick(kForeignGiven);
    CountName(foreign_role, Fill(pick(kForeignRoleTemplates), foreign_given), foreign_given);

    std::string trad = pick(kTradSurnames);
    trad += random() % 4 == 0 ? pick(kTradTitles) : pick(kTradGiven) + pick(kTradGiven);
    CountName(traditional, Fill(pick(kTradTemplates), trad), trad);

    const std::string in_mixed = pick(kSurnames) + given();
    CountName(mixed, Fill(pick(kMixedTemplates), in_mixed), in_mixed);

    const std::string apart = pick(kSurnames) + (random() % 2 == 0 ? " " : "\u3000") + given();
    CountName(spaced, Fill(random() % 2 == 0 ? "{}" : "{}说楼下太吵了", apart), apart);
  }

  FormTally words("words, rarer surnames");
  FormTally places("places named after people");
  FormTally foreign_words("foreign words by roles");
  FormTally prose("case-study prose");
  for (int i = 0; i < kPerForm; ++i) {
    CountLookAlike(words, Fill(pick(kLookAlikeTemplates), pick(kMoreLookAlikeWords)));
    CountLookAlike(places, Fill(pick(kPlaceTemplates), pick(kNamedPlaces)));
  }
  for (int i = 0; i < kPerForm; ++i) {
    CountLookAlike(foreign_words, Fill(pick(kForeignWordTemplates), pick(kForeignWords)));
  }
  for (std::string_view s : kCaseStudyProse) CountLookAlike(prose, std::string(s));

  std::printf("Chinese names by form (exact spans):\n");
  for (const FormTally* t :
       {&rare, &titled, &prefixed, &role, &dotted, &foreign_role, &traditional, &mixed, &spaced}) {
    Print(*t);
    // 小于, 小孔, 小史 and 小白 are words too (less than, a small hole, a minor history, a
    // novice): after a word such as 昨天 or 麻烦 they are read as the words.
    EXPECT_GE(Rate(*t), t == &prefixed ? 0.99 : 0.995) << t->form;
  }
  std::printf("Look-alikes left alone:\n");
  for (const FormTally* t : {&words, &places, &foreign_words, &prose}) {
    Print(*t);
    EXPECT_GE(Rate(*t), 0.95) << t->form;
  }
}

}  // namespace
}  // namespace citynet::privacy
