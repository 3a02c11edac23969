#!/usr/bin/env python3
"""Make a labelled corpus of free-text answers for measuring the privacy gate's identifier scanner.

Usage: make_pii_corpus.py SEED [N_PER_CELL] > corpus.tsv

Every text is invented: survey comments and chat-like messages as people in Denmark, the UK/US,
Argentina/Spain and China write them, in Danish (da), English (en), Spanish (es) and Chinese (zh).
Each line of the output is one item, tab-separated:

    lang <TAB> label <TAB> category <TAB> text [<TAB> secret]...

- label "pii": the text holds identifiers of `category` (name, email, phone, address, plate,
  birthdate, ip, passport, national_id, bank); the secrets are the exact substrings that must not
  survive redaction: each word of a name, the subscriber digits of a phone number (and their last
  group), the local part and domain of an e-mail address, street and house number of an address,
  the plate, the date of birth (and its day and month), the number itself for the rest.
- label "look": an innocuous look-alike (street names and years in prose, amounts, postcodes,
  standard codes, city and organisation names, ordinary Chinese words that begin with a surname
  character, ...) that must come out of the scanner unchanged; `category` says which kind.

N_PER_CELL (default 500) items are made for every category x language, and N_PER_CELL / 4 (at
least 40) for every look-alike kind x language. The output depends only on SEED and N_PER_CELL:
each cell draws from its own random stream, so a cell does not change when another one does.

The corpus is written from templates and vocabularies in this file, not from the scanner's own
lists, so that it measures the scanner rather than echoing it. Each item is checked before it is
written: every secret occurs in the text, and replacing just the identifiers by "[removed]" leaves
no secret behind, so a perfect scanner scores 100 %.
"""
import random
import re
import string
import sys
import unicodedata

LANGS = ("da", "en", "es", "zh")
PII_CATEGORIES = ("name", "email", "phone", "address", "plate", "birthdate", "ip", "passport",
                  "national_id", "bank")
REMOVED = "[removed]"


# ---------------------------------------------------------------------------------------------
# Helpers.

def words(s):
    return s.split()


def bars(s):
    """A list from a "|"-separated string (for entries that contain spaces)."""
    return [x.strip() for x in s.split("|") if x.strip()]


def pick(rng, seq):
    return seq[rng.randrange(len(seq))]


def chance(rng, p):
    return rng.random() < p


def weighted(rng, pairs):
    """One value of [(weight, value), ...]; a callable value is called with rng."""
    total = sum(w for w, _ in pairs)
    x = rng.random() * total
    for w, v in pairs:
        x -= w
        if x < 0:
            return v(rng) if callable(v) else v
    v = pairs[-1][1]
    return v(rng) if callable(v) else v


def digits(rng, n, first="0123456789"):
    return pick(rng, first) + "".join(pick(rng, "0123456789") for _ in range(n - 1))


def strip_accents(s):
    """As people type on a keyboard without accents: "José Pérez Muñoz" -> "Jose Perez Munoz"."""
    out = []
    for ch in unicodedata.normalize("NFD", s):
        if unicodedata.category(ch) != "Mn":
            out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def danish_ascii(s):
    """As Danes type without æ, ø, å: "Søren Østergaard" -> "Soeren Oestergaard"."""
    table = {"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa", "é": "e"}
    return "".join(table.get(ch, ch) for ch in s)


def fullwidth_digits(s):
    """ASCII digits as full-width ones (U+FF10..U+FF19), as some Chinese input methods type."""
    return "".join(chr(ord(c) + 0xFEE0) if c.isdigit() and c.isascii() else c for c in s)


class Ident:
    """One identifier as written, with the substrings of it that must not survive."""

    def __init__(self, written, secrets):
        self.written = written
        self.secrets = [s for s in secrets if s]
        for s in self.secrets:
            assert s in written, (s, written)


def name_secrets(written):
    """Each word of a written name that identifies: not initials, particles or titles."""
    particles = {"de", "del", "la", "las", "los", "y", "i", "van", "von", "der", "da", "dos",
                 "du", "le", "bin", "al", "el", "e", "di", "mac"}
    out = []
    for part in re.split(r"[\s,]+", written):
        for piece in part.split("-"):
            piece = piece.strip(".,;:()'\"")
            if len(piece) < 2 or piece.lower() in particles:
                continue
            if piece.endswith(".") or (len(piece) == 2 and piece[1] == "."):
                continue
            out.append(piece)
    return out


# ---------------------------------------------------------------------------------------------
# Vocabularies: people.

DA_GIVEN_F = words("""Anne Mette Kirsten Hanne Helle Susanne Lene Marianne Camilla Sofie Ida Freja
Emma Clara Karen Inge Birgitte Lone Pia Dorthe Tina Trine Louise Signe Maja Astrid Ingrid Nanna Line
Rikke Malene Pernille Tove Grethe Jytte Bente Gitte Vibeke Ulla Lise Kamilla Josefine Cecilie
Mathilde Alberte Esther Agnes Karla Liva Solveig Sidsel Ditte Stine Charlotte Henriette Merete Jette
Annette Else Ellen Birthe Laura Anna Caroline Julie Sara Emilie Nicoline Rebekka Amalie Frida Olivia
Alma Lærke Asta Ellinor Vigga Filippa Thea Katrine Marie Mia Tanja Heidi Lotte Gunhild Ragnhild
Inger Kirstine Dagmar Bodil Ruth Edith Tove Hjørdis Lillian Ingelise Susanna Tenna Mai Benedikte
Sanne Lisbeth Conni Jeanette Winnie Annelise Jannie Bettina""")
DA_GIVEN_M = words("""Peter Jens Lars Michael Henrik Thomas Søren Jan Niels Mads Frederik Emil
Rasmus Anders Morten Jesper Kasper Mikkel Christian Martin Ole Poul Erik Bent Finn Torben Steen
Flemming Jørgen Preben Knud Svend Carsten Claus Klaus Brian Jakob Jacob Magnus Oliver William Lucas
Malthe Villads Aksel Valdemar Carl Viggo Asger Bjarne Palle Uffe Troels Kristian Mogens Leif Arne
Gunnar Holger Esben Tobias Sebastian Nikolaj Johan Anton Oscar August Alfred Villum Frode Kjeld
Ejnar Aage Helge Vagn Henning Hans Rune Ebbe Sune Jonas Simon Mathias Christoffer Benjamin Noah
Elias Storm Theodor Hjalte Bertram Lauge Ivan Allan Dennis Kenneth René Jimmy Tommy Bo Kim Per Ib
Ove Jesper Tonny Lasse Nicklas Rolf Dan Ulrik Gert Bjørn Eskild Thorkild""")
DA_SURNAMES = words("""Nielsen Jensen Hansen Pedersen Andersen Christensen Larsen Sørensen Rasmussen
Jørgensen Petersen Madsen Kristensen Olsen Thomsen Christiansen Poulsen Johansen Møller Mortensen
Knudsen Jakobsen Jacobsen Mikkelsen Olesen Frederiksen Laursen Henriksen Lund Schmidt Eriksen Holm
Kristiansen Clausen Simonsen Svendsen Andreasen Iversen Østergaard Jeppesen Vestergaard Nissen
Lauridsen Kjær Jespersen Mogensen Nørgaard Jepsen Frandsen Søndergaard Bertelsen Bach Dam Friis
Kjeldsen Bruun Lindberg Overgaard Dalgaard Skov Krogh Høj Mathiasen Thygesen Brandt Winther Dahl
Berg Juhl Bang Krag Lykke Fog Kofoed Baggesen Villadsen Gregersen Lassen Ravn Steffensen Michelsen
Gravesen Lauritsen Hjort Toft Bak Kirkegaard Damgaard Lind Pallesen Carlsen Karlsen Ebbesen
Enevoldsen Hedegaard Thorsen Kronborg Bisgaard Hougaard Agerskov Ladefoged Rosenkilde Brøndum
Kjærgaard Bundgaard Fabricius Graversen Schou Buch""")
DA_TITLES_SURNAME = bars("fru|Fru|hr.|Hr.|frk.|dr.|Dr.|læge|pastor|overlæge|sygeplejerske|"
                         "pedel|viceskoleinspektør|borgerrådgiver")

EN_GIVEN_F = words("""Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Nancy
Lisa Margaret Betty Sandra Ashley Dorothy Kimberly Emily Donna Michelle Carol Amanda Melissa Deborah
Stephanie Rebecca Laura Sharon Cynthia Kathleen Amy Shirley Angela Helen Anna Brenda Pamela Nicole
Samantha Katherine Emma Ruth Christine Catherine Debra Rachel Carolyn Janet Heather Diane Julie
Joyce Olivia Kelly Christina Lauren Joan Evelyn Judith Megan Cheryl Andrea Hannah Jacqueline Martha
Gloria Teresa Sara Janice Julia Kathryn Abigail Sophie Chloe Charlotte Amelia Isla Ava Siobhan Niamh
Aoife Bethan Gemma Kirsty Hayley Leanne Eleanor Harriet Imogen Lucy Philippa Rosalind Gwen Maureen
Bridget Fiona Morag Eilidh Shona Zoe Jade Courtney Brittany""")
EN_GIVEN_M = words("""James John Robert Michael William David Richard Joseph Thomas Charles
Christopher Daniel Matthew Anthony Paul Steven Andrew Joshua Kevin Brian George Edward Ronald
Timothy Jason Jeffrey Ryan Jacob Gary Nicholas Eric Jonathan Stephen Larry Justin Scott Brandon
Benjamin Samuel Gregory Frank Alexander Raymond Patrick Jack Dennis Jerry Tyler Aaron Henry Oliver
Harry Alfie Callum Liam Connor Declan Rhys Owen Gareth Ewan Hamish Fraser Alistair Nigel Graham
Trevor Colin Keith Barry Derek Malcolm Duncan Angus Ciaran Seamus Dylan Ethan Logan Mason Noah Theo
Archie Reggie Rory Toby Hugo Rupert Giles Jeremy Simon Neil Stuart Craig Darren Wayne""")
EN_SURNAMES = words("""Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas
Moore Jackson Martin Thompson White Harris Clark Lewis Robinson Walker Young Allen King Wright Scott
Hill Green Adams Baker Nelson Carter Mitchell Roberts Turner Phillips Campbell Parker Evans Edwards
Collins Stewart Morris Murphy Cook Rogers Morgan Cooper Peterson Reed Bailey Bell Kelly Howard Ward
Cox Richardson Wood Watson Brooks Bennett Gray Hughes Price Sanders O'Brien O'Connor McDonald
MacLeod Fitzgerald Walsh Byrne Ryan Doyle Davies Jenkins Owen Lloyd Pritchard Fletcher Holmes
Chapman Harrison Marshall Lawrence Fox Hunt Palmer Mason Butler Barnes Fisher Knight Webb Pearce
Hayes Kennedy Warren Dixon Burns Gordon Shaw Hamilton Graham Wallace Ellis Ford Stone Atkinson
Cartwright Whitfield Ashworth Hargreaves Sutcliffe Pemberton Blackwood McAllister Henderson
Robertson Ferguson Sinclair Buchanan Gallagher Donnelly Quinn McKenzie""")
EN_TITLES = bars("Mr|Mr.|Mrs|Mrs.|Ms|Ms.|Miss|Dr|Dr.|Prof.|Cllr|Councillor|Nurse|Father")

ES_GIVEN_F = words("""María Ana Laura Lucía Sofía Valentina Camila Martina Florencia Agustina
Micaela Julieta Carolina Gabriela Natalia Paula Romina Silvina Verónica Mariana Andrea Cecilia
Claudia Graciela Susana Norma Silvia Mónica Patricia Liliana Alejandra Marta Beatriz Rocío Milagros
Belén Josefina Catalina Guadalupe Pilar Constanza Luciana Daniela Carla Lorena Soledad Mercedes Inés
Rosario Dolores Ximena Abril Delfina Antonella Yanina Noelia Jimena Emilia Isabel Carmen Lourdes
Nerea Ainhoa Itziar Núria Montserrat Marisa Stella Nélida Haydée Elsa Olga Mirta Zulema Blanca
Estela Vanesa Gisela Analía Eugenia Celeste Tamara Lorena Macarena Aldana Brisa""")
ES_GIVEN_M = words("""José Juan Carlos Jorge Luis Miguel Pablo Diego Martín Sebastián Facundo Matías
Nicolás Santiago Tomás Lucas Agustín Joaquín Federico Gonzalo Marcelo Gustavo Sergio Ricardo
Alejandro Fernando Andrés Hernán Leandro Ezequiel Maximiliano Franco Bautista Thiago Valentín
Ignacio Emiliano Rodrigo Cristian Walter Rubén Osvaldo Néstor Hugo Raúl Héctor Julio Daniel Mariano
Germán Lautaro Benjamín Mateo Gabriel Iker Unai Asier Jordi Xavier Marc Pau Alfredo Roberto Horacio
Eduardo Claudio Oscar Ramón Alberto Enrique Guillermo Esteban Damián Darío Fabián Leonel Mauricio
Patricio Gastón Ariel Adrián Javier Álvaro Rafael Manuel Francisco""")
ES_SURNAMES = words("""González Rodríguez Gómez Fernández López Díaz Martínez Pérez García Sánchez
Romero Sosa Torres Álvarez Ruiz Ramírez Flores Acosta Benítez Medina Suárez Herrera Aguirre Pereyra
Gutiérrez Giménez Molina Silva Castro Rojas Ortiz Núñez Luna Juárez Cabrera Ríos Ferreyra Godoy
Morales Domínguez Moreno Peralta Vega Carrizo Quiroga Castillo Ledesma Muñoz Ojeda Ponce Vera
Cardozo Navarro Coronel Vázquez Ramos Vargas Cáceres Arias Figueroa Córdoba Correa Maldonado Paz
Rivero Miranda Mansilla Farías Roldán Méndez Guzmán Agüero Hernández Lucero Cruz Páez Escobar
Mendoza Barrios Bustos Ávila Villalba Iglesias Blanco Sanz Jiménez Serrano Delgado Ortega Rubio
Marín Garrido Gil Santos Lozano Cano Prieto Calvo Gallego Vidal León Herrero Márquez Peña Cabello
Echeverría Etcheverry Iturralde Goñi Urquiza Larrañaga Aramburu Zabala""")
ES_SURNAMES_IT = words("""Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco
Bruno Gallo Conti Costa Giordano Mancini Rizzo Lombardi Moretti Fontana Santoro Mariani Rinaldi
Caruso Ferrara Galli Martini Leone Longo Gentile Martinelli Vitale Pellegrini Palumbo Fabbri Bassi
Bertolini Zanetti Messina Bianco Cattaneo Pagani Giuliani Lombardo Ferraro Sartori""")
ES_TITLES = bars("Sr.|Sra.|Srta.|Dr.|Dra.|Lic.|Ing.|el señor|la señora|la doctora|el doctor|"
                 "Prof.|la profesora|el profe")

# Names of people who came from elsewhere: (given names, surnames) by origin.
IMMIGRANT = {
    "arabic": (words("""Mohammed Mohamed Muhammad Ahmed Ali Omar Hassan Hussein Fatima Aisha Ayesha
Leila Yasmin Zainab Mariam Khadija Yusuf Ibrahim Mustafa Khalid Samir Nour Rania Amal Tariq Walid
Karim Youssef Bilal Hamza Salma Hiba Dina"""),
               words("""Ahmed Ali Hassan Hussein Haddad Nasser Saleh Khalil Mansour Abbas Hamdan
Al-Sayed El-Masri Qasim Jaber Darwish Barakat Aziz Rahman Farouk""")),
    "turkish": (words("Mehmet Emre Zeynep Elif Ayşe Fatma Mustafa Murat Hakan Burak Esra Selin "
                      "Cem Deniz Kemal Serkan Gül Hülya"),
                words("Yilmaz Yılmaz Kaya Demir Çelik Şahin Öztürk Aydın Arslan Doğan Kılıç "
                      "Aslan Koç Kurt Özdemir")),
    "somali": (words("Abdullahi Abdi Hodan Faduma Hawa Liban Mahad Ifrah Sahra Ayaan Warsame"),
               words("Mohamud Warsame Farah Abdi Osman Jama Hirsi Egal Nur Aden")),
    "polish": (words("Piotr Krzysztof Agnieszka Katarzyna Małgorzata Tomasz Paweł Magdalena "
                     "Joanna Michał Łukasz Marek Ewa Beata"),
               words("Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamińska Lewandowski Zieliński "
                     "Szymański Woźniak Dąbrowski Kozłowska")),
    "ukrainian": (words("Oleksandr Olena Iryna Andriy Dmytro Oksana Yulia Serhiy Mykola Tetiana "
                        "Volodymyr Nataliya"),
                  words("Shevchenko Kovalenko Bondarenko Tkachenko Kravchenko Melnyk Boyko "
                        "Kovalchuk Lysenko Marchenko Savchenko")),
    "indian": (words("Priya Rahul Anil Sunita Deepak Anjali Vikram Pooja Arjun Kavita Sanjay "
                     "Neha Ravi Lakshmi Harpreet Gurpreet"),
               words("Sharma Patel Gupta Singh Kumar Reddy Iyer Nair Chatterjee Banerjee Mehta "
                     "Joshi Kaur Desai Rao")),
    "african": (words("Chinedu Ngozi Oluwaseun Adaeze Kwame Ama Kofi Abena Thabo Nomvula "
                      "Emeka Chiamaka Tunde Folake"),
                words("Okafor Adeyemi Okonkwo Mensah Asante Boateng Nkosi Dlamini Eze "
                      "Adebayo Owusu Ogunleye")),
    "andean": (words("Wilfredo Eulogia Rosmery Edwin Nilda Freddy Yesenia Wilber Marleny "
                     "Juvenal Teodora Gualberto Ramiro Nancy"),
               words("Quispe Mamani Condori Huanca Choque Flores Gamarra Ayala Ticona Apaza "
                     "Chambi Cusi Limachi Colque")),
    "paraguayan": (words("Derlis Nilda Osmar Liz Blas Celso Mirna Rosalba Isidro Ever"),
                   words("Benítez Villalba Giménez Ayala Cáceres Ortiz Duarte Galeano Insfrán "
                         "Aquino Cabañas")),
    "vietnamese": (words("Minh Lan Hoa Tuan Linh Huong Duc Thao Quang Mai"),
                   words("Nguyen Tran Le Pham Hoang Phan Vu Dang Bui Do")),
    "korean": (bars("Min-jun|Seo-yeon|Ji-ho|Ha-eun|Do-yun|Ji-woo|Hyun-woo|Soo-jin"),
               words("Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim")),
    "iranian": (words("Reza Maryam Hossein Zahra Ali Farnaz Arash Shirin Babak Neda Dariush"),
                words("Hosseini Mohammadi Rezaei Karimi Ahmadi Moradi Jafari Rahimi Sadeghi")),
}

PINYIN_SURNAMES = words("""Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He
Gao Lin Luo Zheng Liang Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang
Yu Du Ye Cheng Wei Su Ding Ren Shen Yao Lu Zhong Cui Tan Fan Liao Shi Jin Jia Xia Fu Fang Zou Xiong
Bai Meng Qin Qiu Hou Yin Xue Yan Duan Lei Long Tao Mao Hao Gu Gong Shao Wan Qian Ouyang Sima Zhuge
Shangguan""")
PINYIN_GIVEN = words("""Wei Fang Na Min Jing Li Qiang Lei Jun Yang Yong Yan Jie Tao Ming Chao
Xiuying Xia Ping Gang Hua Hui Xin Yu Hao Yi Zihan Yuxuan Haoran Zixuan Xinyi Yutong Jiahao Junjie
Wenjing Xiaoming Xiaohong Lihua Jianguo Guoqiang Zhiwei Haiyan Shuang Dan Lin Ning Kai Peng Rui Xuan
Qing Lan Mei Ying Yun Tingting Lili Jiayi Mingyu Yuhang Chenxi Ziyi Shuting Wenjie Jianhua Xiaoyan
Lixin Dongmei Chunyan Guohua Yifan Zhihao Siyu Ruoxi Yichen""")
PINYIN_SYLLABLES = words("""xiao ming hong li hua jian guo qiang zhi wei hai yan yu xuan hao ran zi
han xin yi tong jia jun jie wen jing chen xi si rui ting mei ying yun lan qing kai peng ning dong
chun fang min lei yong tao chao gang hui long feng bo""")

ZH_SURNAMES = list("""王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋
蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚
邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚
符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古
吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎
甄丛仲虞敖巩明佘池查麻苑迟邝""".replace("\n", ""))
# The most frequent surnames are drawn more often, as in life.
ZH_SURNAMES_TOP = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐")
ZH_COMPOUND_SURNAMES = bars("欧阳|司马|诸葛|上官|东方|皇甫|尉迟|公孙|慕容|令狐|司徒|夏侯|端木|"
                            "独孤|长孙|宇文|轩辕|南宫|呼延")
ZH_GIVEN_CHARS = list("""伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英霞平刚桂华建国志文辉红玉兰梅萍玲燕丹
晶婷雪琳颖慧佳欣怡宇浩然子涵轩梓睿思雨晨博泽一诺嘉俊鹏飞斌亮鑫波宁凯峰东海龙林春秋云霖淑珍凤琴莉萌悦
璐婧露倩薇瑶琪璇翔昊宏振家德晓小爽彬楠帅瑞锦琦铭钰妍瀚煜阳旭昕蕾茜菲璟逸骏岚""".replace("\n", ""))
ZH_TITLES = bars("先生|女士|老师|医生|经理|主任|师傅|阿姨|同学|律师|教授|书记|大夫|护士|警官|"
                 "总|工|姐|哥|大爷|奶奶")
ZH_TITLES_FULL = bars("先生|女士|老师|医生|经理|主任|同学|律师|教授|同志")


def pinyin_given(rng):
    if chance(rng, 0.55):
        return pick(rng, PINYIN_GIVEN)
    a, b = pick(rng, PINYIN_SYLLABLES), pick(rng, PINYIN_SYLLABLES)
    return weighted(rng, [(6, a.capitalize() + b), (2, a.capitalize() + "-" + b),
                          (1, a.capitalize() + "-" + b.capitalize()),
                          (2, a.capitalize() + " " + b.capitalize())])


def pinyin_name(rng):
    surname, given = pick(rng, PINYIN_SURNAMES), pinyin_given(rng)
    if chance(rng, 0.08):
        surname = surname.upper()
    return weighted(rng, [(5, f"{given} {surname}"), (5, f"{surname} {given}")])


def immigrant_name(rng, origins):
    given, surnames = IMMIGRANT[pick(rng, origins)]
    first = pick(rng, given)
    if chance(rng, 0.1):
        other = pick(rng, given)
        if other != first:
            first = f"{first} {other}"
    return f"{first} {pick(rng, surnames)}"


def da_person(rng):
    names = DA_GIVEN_F if chance(rng, 0.5) else DA_GIVEN_M
    given = pick(rng, names)
    r = rng.random()
    if r < 0.08:
        other = pick(rng, names)
        if other != given:
            given = f"{given}-{other}"
    elif r < 0.2:
        other = pick(rng, names)
        if other != given:
            given = f"{given} {other}"
    surname = pick(rng, DA_SURNAMES)
    if r > 0.96:
        given = f"{given} {pick(rng, 'ABCDEFHJKLMNPRST')}."
    if chance(rng, 0.2):
        middle = pick(rng, DA_SURNAMES)
        if middle != surname:
            surname = f"{middle} {surname}"
    return given, surname


def en_person(rng):
    given = pick(rng, EN_GIVEN_F if chance(rng, 0.5) else EN_GIVEN_M)
    surname = pick(rng, EN_SURNAMES)
    r = rng.random()
    if r < 0.07:
        given = f"{given} {pick(rng, string.ascii_uppercase)}."
    elif r < 0.12:
        other = pick(rng, EN_GIVEN_F + EN_GIVEN_M)
        if other != given:
            given = f"{given} {other}"
    elif r < 0.16:
        other = pick(rng, EN_SURNAMES)
        if other != surname:
            surname = f"{surname}-{other}"
    return given, surname


def es_person(rng, spain=False):
    female = chance(rng, 0.5)
    given = pick(rng, ES_GIVEN_F if female else ES_GIVEN_M)
    r = rng.random()
    if r < 0.18:
        other = pick(rng, ES_GIVEN_F if female else ES_GIVEN_M)
        if other != given:
            given = f"{given} {other}"
    elif r < 0.21 and female:
        given = f"{given} de los {pick(rng, ['Ángeles', 'Milagros', 'Dolores', 'Remedios'])}"
    surname = pick(rng, ES_SURNAMES_IT if chance(rng, 0.22) and not spain else ES_SURNAMES)
    if spain or chance(rng, 0.15):
        other = pick(rng, ES_SURNAMES)
        if other != surname:
            surname = f"{surname} {'y ' if chance(rng, 0.05) else ''}{other}"
    return given, surname


def zh_name(rng):
    if chance(rng, 0.05):
        surname = pick(rng, ZH_COMPOUND_SURNAMES)
    elif chance(rng, 0.5):
        surname = pick(rng, ZH_SURNAMES_TOP)
    else:
        surname = pick(rng, ZH_SURNAMES)
    given = pick(rng, ZH_GIVEN_CHARS)
    if chance(rng, 0.7):
        given += pick(rng, ZH_GIVEN_CHARS)
    return surname, given


ZH_FOREIGN_GIVEN = bars("约翰|彼得|安娜|玛丽亚|汉斯|索菲亚|迈克尔|大卫|卡洛斯|露西亚|埃米尔|"
                        "玛蒂尔德|詹姆斯|伊丽莎白|胡安|何塞")
ZH_FOREIGN_SURNAMES = bars("史密斯|汉森|延森|尼尔森|冈萨雷斯|加西亚|穆勒|约翰逊|彼得森|"
                           "拉斯穆森|费尔南德斯|罗德里格斯|布朗|威廉姆斯")


# ---------------------------------------------------------------------------------------------
# Place vocabularies shared by identifiers and look-alikes.

DA_DISTRICTS = bars("""Valby|Nørrebro|Østerbro|Vesterbro|Amager|Sydhavnen|Bispebjerg|Brønshøj|
Vanløse|Christianshavn|Indre By|Islands Brygge|Ørestad|Nordvest|Frederiksberg|Husum|Kongens Enghave|
Sundby|Nordhavn|Carlsberg Byen|Amager Øst|Amager Vest|Tingbjerg|Utterslev""")
DA_TOWNS = bars("""København|Aarhus|Odense|Aalborg|Esbjerg|Randers|Kolding|Horsens|Vejle|Roskilde|
Herning|Silkeborg|Næstved|Fredericia|Viborg|Køge|Holstebro|Slagelse|Hillerød|Helsingør|Svendborg|
Sønderborg|Haderslev|Skive|Ringsted|Nykøbing Falster|Frederikshavn|Hjørring|Thisted|Ribe|Gentofte|
Lyngby|Ballerup|Herlev|Glostrup|Albertslund|Hvidovre|Rødovre|Tårnby|Dragør|Hellerup|Charlottenlund|
Greve|Ishøj|Brøndby|Farum|Birkerød|Holte|Vallensbæk|Kastrup""")
DA_POSTCODES = [("1050", "København K"), ("1165", "København K"), ("1360", "København K"),
                ("1620", "København V"), ("1650", "København V"), ("1799", "København V"),
                ("2000", "Frederiksberg"), ("2100", "København Ø"), ("2150", "Nordhavn"),
                ("2200", "København N"), ("2300", "København S"), ("2400", "København NV"),
                ("2450", "København SV"), ("2500", "Valby"), ("2700", "Brønshøj"),
                ("2720", "Vanløse"), ("2770", "Kastrup"), ("2800", "Kongens Lyngby"),
                ("2900", "Hellerup"), ("3000", "Helsingør"), ("4000", "Roskilde"),
                ("5000", "Odense C"), ("6000", "Kolding"), ("7100", "Vejle"),
                ("8000", "Aarhus C"), ("8200", "Aarhus N"), ("9000", "Aalborg"),
                ("2630", "Taastrup"), ("2605", "Brøndby"), ("2610", "Rødovre")]
DA_STREETS = bars("""Nørrebrogade|Vesterbrogade|Østerbrogade|Amagerbrogade|Jagtvej|Istedgade|
Gammel Kongevej|Frederikssundsvej|Strandvejen|Valby Langgade|Enghavevej|Tagensvej|Blegdamsvej|
Godthåbsvej|Falkoner Allé|H.C. Andersens Boulevard|Store Kongensgade|Bredgade|Torvegade|Åboulevard|
Ryesgade|Rantzausgade|Griffenfeldsgade|Blågårdsgade|Elmegade|Guldbergsgade|Fælledvej|
Sankt Hans Gade|Ravnsborggade|Sønder Boulevard|Halmtorvet|Skelbækgade|Sydhavnsgade|Borgbjergsvej|
Mozartsvej|Vigerslev Allé|Toftegårds Allé|Roskildevej|Peter Bangs Vej|Howitzvej|Rolighedsvej|
Nordre Fasanvej|Grøndals Parkvej|Bellahøjvej|Frederiksborgvej|Tomsgårdsvej|Lygten|Njalsgade|
Artillerivej|Englandsvej|Sundholmsvej|Holmbladsgade|Øresundsvej|Kastrupvej|Irlandsvej|
H.C. Ørsteds Vej|Niels Ebbesens Vej|Ole Suhrs Gade|Hans Tavsens Gade|Jens Baggesens Vej|
Vilhelm Thomsens Allé|Julius Thomsens Gade|Ingerslevsgade|Carl Jacobsens Vej|Kronprinsessegade|
Dronningens Tværgade|Kong Georgs Vej|Frederiksberg Allé|Smallegade|Vodroffsvej|Thorvaldsensvej|
Finsensvej|Sallingvej|Ålekistevej|Jernbane Allé|Grøndalsvænge Allé|Hulgårdsvej|Bispebjerg Bakke|
Lundtoftegade|Stefansgade|Heimdalsgade|Rovsingsgade|Vermundsgade|Hillerødgade|Dortheavej|
Frederik Bajers Gade|Slotsherrensvej|Jyllingevej|Islevbrovej|Amager Strandvej|Ved Stranden|Sølvgade|
Kronprinsensgade|Vester Voldgade|Dag Hammarskjölds Allé|Gothersgade|Nansensgade|Birkevej|Egevej|
Bøgevej|Ahornvej|Kirkevej|Skolevej|Møllevej|Strandvej|Parkvej|Søvej|Skovvej|Bakkevej|Engvej|
Lærkevej|Solsikkevej|Rosenvænget|Kirkestræde|Søndergade|Vestergade|Østergade|Nørregade|Storegade|
Jernbanegade|Stationsvej|Hovedgaden|Bygaden|Algade|Adelgade|Torvet|Frederiks Allé|Jægergårdsgade|
Mejlgade|Nørre Allé|Vesterbro Torv|Skt. Clemens Torv|Randersvej|Silkeborgvej|Viborgvej|Ryesgade|
Kongensgade|Overgade|Fynsgade|Boulevarden|Kastetvej|Lindevej|Fasanvej|Hybenvej|Granvej|Kastanievej|
Poppelvej|Tjørnevej|Hasselvej|Rønnebærvej|Enghave Plads|Gasværksvej|Dybbølsgade|Matthæusgade|
Saxogade|Oehlenschlægersgade|Absalonsgade""")

EN_STREET_NAMES = bars("""High|Station|Main|Church|Park|Victoria|Green|Manor|Queens|New|Grange|
Kings|Mill|School|Elm|Oak|Maple|Cedar|Pine|Washington|Lincoln|Sunset|Lake Shore|Market|Albert|
London|Springfield|Windsor|Cherry Tree|Brook|Hillside|Orchard|Chestnut|Willow|Beech|Highfield|
Richmond|Stanley|Alexandra|York|Clarence|Waterloo|Nelson|Cambridge|Oxford|Derby|Mount Pleasant|
Meadow|Riverside|Bridge|North|South|West|East|Castle|Abbey|Kingsway|Holloway|Mare|Kingsland|
Cromwell|Blenheim|Grosvenor|Lordship|Coldharbour|Peckham Rye|Walworth|Camberwell|Essex|Dalston|
Hackney|Bow|Commercial|Whitechapel|Cable|Brick|Columbia|Atlantic|Bedford|Flatbush|Myrtle|Wilshire|
Mission|Valencia|Michigan|Halsted|Commonwealth|Beacon|Peachtree|Magnolia""")
EN_STREET_TYPES_UK = bars("Road|Street|Lane|Avenue|Close|Crescent|Drive|Way|Gardens|Grove|Place|"
                          "Terrace|Rd|St|Rd.|St.|Ave|Hill|Walk|Row|Square|Court|Mews")
EN_STREET_TYPES_US = bars("Street|Avenue|Boulevard|Drive|Road|Lane|Court|Place|Terrace|St|Ave|"
                          "Blvd|Dr.|Rd|St.|Ave.|Way|Parkway|Pkwy")
EN_TOWNS = bars("""London|Manchester|Birmingham|Leeds|Glasgow|Edinburgh|Bristol|Liverpool|Sheffield|
Cardiff|Belfast|Newcastle|Nottingham|Leicester|Brighton|Hackney|Camden|Islington|Southwark|Lambeth|
Tower Hamlets|Westminster|Brixton|Peckham|Croydon|Ealing|Harrow|Greenwich|New York|Brooklyn|Queens|
Chicago|Boston|Seattle|Portland|Austin|Denver|Philadelphia|Oakland|San Francisco|Los Angeles|
Atlanta|Toronto|Dublin|Cork|Swansea|Aberdeen|Dundee|Oxford|Cambridge|York|Bath|Reading|Luton|
Salford|Stockport|Walthamstow|Stratford|Lewisham|Hammersmith""")
EN_POSTCODES = bars("""SW1A 1AA|EC1A 1BB|E1 6AN|N1 9GU|SE15 4QN|NW5 2HB|W12 8QT|E8 3RL|M1 1AE|
M14 5RH|B15 2TT|LS6 3HN|G12 8QQ|EH8 9YL|BS1 5TR|L8 7NW|S10 2TN|CF10 3AT|BT7 1NN|NE1 4ST|CB2 1TN|
OX1 3BG|SE1 7PB|E14 5AB|N16 8JH|SW9 8EH|E17 4JA|NW10 3AA|E2 8DY|SE22 9EH""")
EN_BLOCKS = words("Victoria Albion Jubilee Kingfisher")
US_CITIES_STATES = bars("Chicago, IL|Boston, MA|Seattle, WA|Austin, TX|Oakland, CA")
US_ZIPS = words("10001 10025 11201 11215 02139 02118 60614 60622 94103 94110 98101 97205 "
                "78704 80205 19104 30307 90026 20009 10463 60201")

AR_AVENUES = bars("""Corrientes|Santa Fe|Rivadavia|Córdoba|Callao|Pueyrredón|Cabildo|del Libertador|
de Mayo|Belgrano|Independencia|San Juan|Entre Ríos|Jujuy|La Plata|Directorio|Juan B. Justo|
Scalabrini Ortiz|Las Heras|Coronel Díaz|Federico Lacroze|Álvarez Thomas|Triunvirato|Díaz Vélez|
Boedo|Caseros|Montes de Oca|Almirante Brown|Regimiento de Patricios|Eva Perón|Juan de Garay|Gaona|
Avellaneda|Nazca|San Martín|Donato Álvarez|Francisco Beiró|Dorrego|Elcano|Forest|Congreso|Monroe|
Olazábal|García del Río|Ricardo Balbín|Hipólito Yrigoyen|Maipú|9 de Julio|Alicia Moreau de Justo|
Leandro N. Alem|Paseo Colón|Garay|Warnes|Crámer|Mosconi|Emilio Castro""")
AR_CALLES = bars("""Thames|Honduras|Gorriti|Malabia|Armenia|Serrano|Jorge Luis Borges|Gurruchaga|
Fitz Roy|Humboldt|Nicaragua|Guatemala|Paraguay|Uriburu|Lavalle|Tucumán|Sarmiento|Perón|
Bartolomé Mitre|Florida|Esmeralda|Suipacha|Viamonte|Charcas|Güemes|Arenales|Juncal|Ayacucho|Junín|
Riobamba|Uruguay|Paraná|Montevideo|Rodríguez Peña|Azcuénaga|Larrea|Billinghurst|
Sánchez de Bustamante|Salguero|Medrano|Bulnes|Mario Bravo|Gallo|Agüero|Anchorena|Laprida|Vidt|
Bonpland|Carranza|Soler|Cabrera|Aráoz|Acevedo|Camargo|Loyola|Padilla|Aguirre|Murillo|Velasco|Darwin|
Niceto Vega|El Salvador|Costa Rica|Gascón|Yatay|Potosí|Bogotá|Yerbal|Neuquén|Rojas|Otamendi|Hidalgo|
Pedernera|Defensa|Bolívar|Chacabuco|Piedras|Tacuarí|Balcarce|Perú|Chile|México|Venezuela|
Estados Unidos|Carlos Calvo|Humberto Primo|Cochabamba|Pavón|Brasil|Pichincha|Matheu|Alberti|
Saavedra|Jean Jaurès|Quintino Bocayuva|24 de Noviembre|Catamarca|La Rioja|Rincón|Artigas|Nogoyá|
Cuenca|Gavilán|Lascano|Helguera|Terrero|Baigorria|Mercedes|Cervantes|Lope de Vega|Emilio Mitre|
Moldes|Vuelta de Obligado|Amenábar|Ciudad de la Paz|Conde|Zapiola|Estomba|Tronador|Olleros|Zabala|
Mendoza|Echeverría|Blanco Encalada|La Pampa|Virrey del Pino|Sucre|11 de Septiembre|3 de Febrero|
25 de Mayo|Tres Arroyos|Aranguren|Espinosa|Bacacay|Remedios de Escalada de San Martín|Juana Manso|
Olga Cossettini|Manuela Sáenz|Azucena Villaflor""")
AR_BOULEVARDS = bars("Oroño|San Juan|Chacabuco|Illia|Los Andes|Pellegrini|27 de Febrero|Rondeau")
ES_STREETS = bars("""de Alcalá|Gran Vía|Mayor|de Atocha|de Toledo|de Bravo Murillo|de Fuencarral|
de Hortaleza|de Serrano|de Velázquez|de Goya|de la Princesa|de Argumosa|del Pez|de la Palma|
de Embajadores|de Lavapiés|del Doctor Esquerdo|de Arturo Soria|de López de Hoyos|de Santa Engracia|
de Ríos Rosas|de Bailén|de Segovia|de Génova|de Sagasta|de Ferraz|de Martín de los Heros|
de Francos Rodríguez|del General Ricardos|de Marcelo Usera|de Oporto|de la Oca""")
ES_CARRERS = bars("""de Balmes|de Mallorca|d'Aragó|de Provença|de Muntaner|de Sants|Gran de Gràcia|
de Verdi|del Consell de Cent|de Còrsega|de la Diputació|de València|de Pujades|de Sardenya|de Blai|
del Parlament|de Sant Antoni Maria Claret""")
AR_BARRIOS = bars("""Villa Crespo|Palermo|Belgrano|Caballito|Almagro|Boedo|Flores|Floresta|
Villa Urquiza|Villa Devoto|Villa Lugano|Villa Soldati|Mataderos|Liniers|Recoleta|Retiro|San Telmo|
La Boca|Barracas|Puerto Madero|Constitución|Balvanera|Once|Núñez|Saavedra|Colegiales|Chacarita|
Parque Patricios|Pompeya|San Cristóbal|Monserrat|San Nicolás|Villa Pueyrredón|Agronomía|La Paternal|
Villa del Parque|Vélez Sarsfield|Versalles|Monte Castro|Parque Chas|Coghlan|Villa Ortúzar|
Villa General Mitre|Villa Santa Rita|Parque Avellaneda|Villa Riachuelo""")
AR_CITIES = bars("""Buenos Aires|CABA|La Matanza|Lomas de Zamora|Quilmes|Avellaneda|Lanús|Morón|
Tigre|San Isidro|Vicente López|Merlo|Moreno|Florencio Varela|Almirante Brown|Esteban Echeverría|
Ezeiza|Tres de Febrero|San Martín|Hurlingham|Ituzaingó|José C. Paz|Malvinas Argentinas|San Miguel|
Pilar|Escobar|Berazategui|San Fernando|Córdoba|Rosario|Mendoza|La Plata|Mar del Plata|Tucumán|Salta|
Santa Fe|San Juan|Neuquén|Bahía Blanca|Resistencia|Posadas|Corrientes|Paraná|Santiago del Estero|
San Luis|Río Gallegos|Ushuaia|Comodoro Rivadavia|Bariloche|Villa María|Río Cuarto|Tandil|Junín|
Pergamino|Olavarría|General Roca|Santa Rosa|Madrid|Barcelona|Valencia|Sevilla|Zaragoza|Málaga|
Bilbao|Lavapiés|Chamberí|Malasaña|Gràcia|Eixample|Triana|Marcos Paz|General Rodríguez|Villa Gesell|
Pinamar|Luján|Campana|Zárate""")
AR_POSTCODES = words("C1043AAB C1414CQN C1425BGH C1405CAA C1181ACF B1636BCD B1640 X5000 "
                     "S2000 C1096 1414 1425 1405 1636 5000 2000 1900 7600 M5500 B1900")

ZH_CITIES = bars("""北京|上海|天津|重庆|广州|深圳|杭州|南京|武汉|成都|西安|苏州|郑州|长沙|青岛|沈阳|
大连|厦门|宁波|无锡|济南|哈尔滨|长春|石家庄|太原|合肥|福州|南昌|昆明|贵阳|南宁|海口|兰州|西宁|银川|
乌鲁木齐|拉萨|呼和浩特|常州|徐州|温州|金华|嘉兴|绍兴|台州|扬州|镇江|泰州|南通|盐城|淮安|连云港|宿迁|
佛山|东莞|珠海|中山|江门|惠州|汕头|湛江|洛阳|开封|包头|鞍山|抚顺|吉林|唐山|邯郸|保定|秦皇岛|张家口|
承德|廊坊|沧州|衡水|邢台|马鞍山|黄山|安庆|周口|许昌|潘家园|万州|石河子|白城|龙岩|齐齐哈尔|丹东|宜昌|
岳阳|常德|桂林""")
ZH_DISTRICTS = bars("""朝阳区|海淀区|东城区|西城区|丰台区|石景山区|通州区|顺义区|昌平区|大兴区|
房山区|门头沟区|怀柔区|平谷区|密云区|延庆区|黄浦区|徐汇区|长宁区|静安区|普陀区|虹口区|杨浦区|闵行区|
宝山区|嘉定区|浦东新区|金山区|松江区|青浦区|奉贤区|崇明区|天河区|越秀区|海珠区|荔湾区|白云区|黄埔区|
番禺区|花都区|南沙区|福田区|罗湖区|南山区|宝安区|龙岗区|盐田区|龙华区|坪山区|光明区|武侯区|锦江区|
青羊区|雁塔区|碑林区|江汉区|洪山区|鼓楼区|玄武区|秦淮区|西湖区|上城区|拱墅区|和平区|河西区|南开区|
渝中区""")
ZH_ROADS = bars("""建国路|中山路|人民路|解放路|和平路|胜利路|新华路|北京路|南京路|长江路|黄河路|
淮海中路|延安西路|中关村大街|学院路|复兴路|东三环中路|朝阳北路|望京西路|工体北路|三里屯路|成府路|
知春路|光华路|金融大街|天河路|深南大道|世纪大道|人民大道|文化路|建设路|公园路|青年路|滨江路|花园路|
团结路|光明路|朝阳路|东风路|振兴路|友谊路|健康路|幸福路|迎宾路|东大街|西大街|南大街|北大街|府前街|
中山东一路|人民南路|解放大道|汉口路|长安街|王府井大街|西单北大街|南锣鼓巷|东四十条|张自忠路|
赵登禹路|佟麟阁路|黄寺大街|马甸东路|白石桥路|高梁桥斜街|周家嘴路|杨树浦路|徐家汇路|漕溪北路|
龙华中路|陆家嘴环路|浦东南路|张杨路|科技园路|科苑路|华强北路|东门中路|体育西路|环市东路|珠江路|
汉中路|北京东路|湖滨路|延安路|文三路|天目山路|春熙路|红星路|大学路|香港中路|五四路""")
ZH_COMPOUNDS = bars("""幸福里|阳光花园|金地名京|万科城市花园|碧桂园|世纪城|望京西园|天通苑|回龙观|
远洋山水|保利花园|华润城|翠微苑|绿地新都会|融侨锦江|恒大绿洲|中海国际|和平里|芍药居|团结湖|安贞里|
百子湾|劲松|方庄芳城园|左家庄|双井|康城|龙湖时代天街|紫薇花园|滨江花园""")


# ---------------------------------------------------------------------------------------------
# Identifiers: each maker returns an Ident for a language.

def name_ident(rng, lang):
    if lang == "zh":
        return zh_name_ident(rng)
    if lang == "da":
        person = lambda r: "%s %s" % da_person(r)
        origins = ["arabic", "turkish", "somali", "polish", "ukrainian", "iranian", "vietnamese",
                   "african"]
        titles = DA_TITLES_SURNAME
        own = [(66, person), (13, lambda r: immigrant_name(r, origins)), (3, pinyin_name)]
        split = da_person
    elif lang == "en":
        person = lambda r: "%s %s" % en_person(r)
        origins = ["indian", "arabic", "african", "polish", "iranian", "korean", "vietnamese",
                   "turkish"]
        titles = EN_TITLES
        own = [(58, person), (14, lambda r: immigrant_name(r, origins)), (7, pinyin_name),
               (4, lambda r: "%s %s" % es_person(r)), (3, lambda r: "%s %s" % da_person(r))]
        split = en_person
    else:
        person = lambda r: "%s %s" % es_person(r)
        origins = ["andean", "paraguayan", "korean", "arabic", "ukrainian"]
        titles = ES_TITLES
        own = [(60, person), (10, lambda r: "%s %s" % es_person(r, spain=True)),
               (9, lambda r: immigrant_name(r, origins)), (2, pinyin_name)]
        split = es_person
    r = rng.random()
    prefix = ""
    if r < 0.09:
        # A title before a surname alone or a whole name: "fru Jensen", "Dr. Patel", "Lic. Romero".
        prefix = pick(rng, titles) + " "
        given, surname = split(rng)
        name = f"{given} {surname}" if chance(rng, 0.3) else surname
    elif r < 0.14:
        # Surname first, as on forms: "Hansen, Mette", "GÓMEZ, María Laura".
        given, surname = split(rng)
        if lang == "es" and chance(rng, 0.5):
            surname = surname.upper()
        name = f"{surname}, {given}"
    elif r < 0.18 and lang != "es":
        given, surname = split(rng)
        name = f"{given[0]}. {surname}"
    else:
        name = weighted(rng, own)
    if lang == "da" and chance(rng, 0.08):
        name = danish_ascii(name)
    if lang == "es" and chance(rng, 0.25):
        name = strip_accents(name)
    if chance(rng, 0.03):
        name = name.upper()
    return Ident(prefix + name, name_secrets(name))


def zh_name_ident(rng):
    r = rng.random()
    if r < 0.04:
        given, surname = pick(rng, ZH_FOREIGN_GIVEN), pick(rng, ZH_FOREIGN_SURNAMES)
        sep = pick(rng, ["·", "·", "•", "・"])
        return Ident(f"{given}{sep}{surname}", [given, surname])
    surname, given = zh_name(rng)
    if r < 0.22:
        # Surname and title: 王先生, 李老师, 陈阿姨; the surname is what identifies.
        return Ident(surname + pick(rng, ZH_TITLES), [surname])
    full = surname + given
    if r < 0.39:
        return Ident(full + pick(rng, ZH_TITLES_FULL), [full, given])
    if r < 0.42 and len(full) == 2:
        # Two-character names padded with a space, as on some forms: "王 伟".
        return Ident(f"{surname} {given}", [surname + " " + given, given])
    return Ident(full, [full, given])


# E-mail addresses.
EMAIL_DOMAINS = {
    "da": bars("gmail.com|hotmail.com|hotmail.dk|outlook.dk|outlook.com|live.dk|mail.dk|jubii.dk|"
               "ofir.dk|yahoo.dk|yahoo.com|icloud.com|me.com|kk.dk|post.tele.dk|webspeed.dk|"
               "youmail.dk|stofanet.dk|ku.dk|ruc.dk|dtu.dk|regionh.dk|gmx.com|protonmail.com|"
               "privat.dk|tdcadsl.dk|c.dk|firma-hansen.dk|andelsbolig-valby.dk"),
    "en": bars("gmail.com|hotmail.co.uk|outlook.com|yahoo.co.uk|yahoo.com|btinternet.com|sky.com|"
               "icloud.com|me.com|aol.com|virginmedia.com|talktalk.net|live.co.uk|ntlworld.com|"
               "protonmail.com|ucl.ac.uk|kcl.ac.uk|ed.ac.uk|london.gov.uk|nhs.net|comcast.net|"
               "verizon.net|hackney.gov.uk|fastmail.fm|mail.com"),
    "es": bars("gmail.com|hotmail.com|hotmail.com.ar|yahoo.com.ar|outlook.com|live.com.ar|"
               "fibertel.com.ar|arnet.com.ar|speedy.com.ar|ciudad.com.ar|buenosaires.gob.ar|"
               "uba.ar|fadu.uba.ar|conicet.gov.ar|yahoo.es|hotmail.es|telefonica.net|icloud.com|"
               "protonmail.com|estudiogomez.com.ar|unlp.edu.ar|uolsinectis.com.ar"),
    "zh": bars("qq.com|163.com|126.com|sina.com|sina.cn|sohu.com|foxmail.com|aliyun.com|yeah.net|"
               "139.com|outlook.com|gmail.com|hotmail.com|pku.edu.cn|tsinghua.edu.cn|bjtu.edu.cn|"
               "fudan.edu.cn|vip.qq.com|vip.163.com|bjjtw.gov.cn|tom.com|21cn.com"),
}
EMAIL_NICKS = {
    "da": words("cykelmor superjens gammelvalby kattekilling fodboldfar solsikke havemand "
                "kbhcyklist nordvestpigen amagerkongen lystfisker bogormen strikkepinden "
                "hundeluffer kaffetante regnbue"),
    "en": words("bikemum cyclingdad greenfingers londoner tealover sunnyday bookworm nightowl "
                "moonpie rainbowkid skaterboi allotmentguy cuppa southlondonmum"),
    "es": words("juanchi lapeque elflaco lagorda chiqui negrito tucu rulo colorada mate_amargo "
                "bostero millonario hinchadeboca tanguera piba_de_barrio mechi lucho"),
    "zh": words("sunny happy xiaoyu dudu tiantian lele guoguo maomao beibei xiaomao feifei "
                "lucky angel kiki momo"),
}
OBFUSCATIONS = {
    "da": [(" at ", " dot "), (" (at) ", " (dot) "), ("[at]", "[dot]"), (" [at] ", " [dot] "),
           (" snabel-a ", " punktum "), (" snabel-a ", "."), ("(snabel-a)", "."),
           (" snabela ", " punktum "), (" @ ", "."), (" AT ", " DOT "), ("(at)", "."),
           (" at ", ".")],
    "en": [(" at ", " dot "), (" [at] ", " [dot] "), ("(at)", "(dot)"), (" (at) ", " (dot) "),
           (" AT ", " DOT "), ("{at}", "{dot}"), (" at ", "."), (" @ ", " . "), ("[at]", "."),
           (" (at) ", ".")],
    "es": [(" arroba ", " punto "), (" arroba ", "."), ("(arroba)", "."), (" at ", " dot "),
           ("[at]", "[dot]"), (" (arroba) ", " (punto) "), (" ARROBA ", " PUNTO "),
           (" @ ", "."), ("(at)", "(punto)")],
    "zh": [("艾特", "点"), ("＠", "．"), ("＠", "."), (" at ", " dot "), ("[at]", "[dot]"),
           ("#", "."), ("（at）", "."), ("艾特", "."), ("@", "点")],
}


def ascii_fold(s):
    return strip_accents(danish_ascii(s)).replace("'", "")


def email_local(rng, lang):
    if lang == "zh" and chance(rng, 0.25):
        return digits(rng, rng.randint(6, 10), "123456789"), []   # QQ numbers
    if chance(rng, 0.18):
        nick = pick(rng, EMAIL_NICKS[lang])
        if chance(rng, 0.6):
            nick += str(rng.randint(1, 99) if chance(rng, 0.6) else rng.randint(1950, 2010))
        return nick, []
    if lang == "zh" or (lang == "en" and chance(rng, 0.08)):
        first, last = pinyin_given(rng).replace(" ", ""), pick(rng, PINYIN_SURNAMES)
    elif lang == "da":
        first, last = da_person(rng)
    elif lang == "en":
        first, last = en_person(rng)
    else:
        first, last = es_person(rng)
    first = ascii_fold(first.split()[0].split("-")[0]).lower()
    last = ascii_fold(last.split()[-1]).lower()
    n = str(rng.randint(1, 99)) if chance(rng, 0.5) else str(rng.randint(1950, 2012))
    local = weighted(rng, [(5, f"{first}.{last}"), (3, f"{first}{last}"), (2, f"{first[0]}.{last}"),
                           (2, f"{first[0]}{last}"), (2, f"{first}_{last}"), (1, f"{first}-{last}"),
                           (3, f"{first}{last}{n}"), (2, f"{first}.{last}{n}"), (2, f"{first}{n}"),
                           (1, f"{last}.{first}"), (1, f"{last}{first[0]}")])
    if chance(rng, 0.03):
        local += "+" + pick(rng, ["kommune", "survey", "city", "news", "bolig"])
    return local, [first, last]


def email_ident(rng, lang):
    local, parts = email_local(rng, lang)
    domain = pick(rng, EMAIL_DOMAINS[lang])
    labels = domain.split(".")
    # The label that names the provider or organisation, e.g. "gmail", "kk", "fibertel".
    suffixes = {"com", "net", "org", "dk", "ar", "uk", "cn", "es", "co", "ac", "gov", "gob",
                "edu", "fm", "vip", "mail", "post", "fadu"}
    owner_index = next((i for i in range(len(labels) - 2, -1, -1) if labels[i] not in suffixes), 0)
    if chance(rng, 0.06):
        local, domain = local.capitalize(), domain.capitalize()
    owner = domain.split(".")[owner_index]
    at, dot = "@", "."
    if chance(rng, 0.38):
        at, dot = pick(rng, OBFUSCATIONS[lang])
    written_local = local
    if dot != "." and "." in local and chance(rng, 0.3):
        written_local = local.replace(".", dot)
    written = written_local + at + domain.replace(".", dot)
    if at == "#":
        written += "（#换成@）"
    secrets = [written_local, owner] + [p for p in parts if len(p) >= 3 and p in written_local]
    return Ident(written, secrets)


# Phone numbers: (written, subscriber part as written); the secrets are the subscriber part and
# its last group (with the group before it when the last is shorter than four digits).

def phone_tail(subscriber):
    groups = list(re.finditer(r"[0-9０-９]+", subscriber))
    if len(groups) < 2:
        return None
    if len(groups[-1].group()) >= 4:
        return groups[-1].group()
    return subscriber[groups[-2].start():]


def phone(prefix, subscriber, full_width=False):
    written = prefix + subscriber
    if full_width:
        written, subscriber = fullwidth_digits(written), fullwidth_digits(subscriber)
    return Ident(written, [subscriber, phone_tail(subscriber)])


def group(number, sizes, sep):
    out, i = [], 0
    for s in sizes:
        out.append(number[i:i + s])
        i += s
    return sep.join(out)


def dk_phone(rng, out_of_plan=False):
    first = "01" if out_of_plan else weighted(rng, [(30, "2"), (15, "3"), (15, "4"), (10, "5"),
                                                    (8, "6"), (10, "7"), (5, "8"), (7, "9")])
    n = digits(rng, 8, first)
    if out_of_plan:
        return phone(pick(rng, ["", "", "+45 "]), group(n, [2, 2, 2, 2], " "))
    sub = weighted(rng, [(55, lambda r: group(n, [2, 2, 2, 2], " ")),
                         (15, lambda r: group(n, [4, 4], " ")), (15, n),
                         (4, lambda r: group(n, [2, 2, 2, 2], "-")),
                         (3, lambda r: group(n, [2, 2, 2, 2], ".")),
                         (3, lambda r: group(n, [2, 2, 4], " ")),
                         (3, lambda r: group(n, [4, 4], "-")),
                         (2, lambda r: group(n, [3, 2, 3], " "))])
    prefix = weighted(rng, [(60, ""), (22, "+45 "), (6, "+45"), (4, "0045 "), (4, "(+45) "),
                            (2, "+45-"), (2, "0045")])
    return phone(prefix, sub)


def ar_phone(rng, out_of_plan=False):
    if chance(rng, 0.2) and not out_of_plan:
        return es_spain_phone(rng)
    kind = rng.random()
    if out_of_plan:
        sub = "0" + digits(rng, 3) + "-" + digits(rng, 4)
        return phone(pick(rng, ["15-", "(011) ", "11 ", "15 "]), sub)
    if kind < 0.5:   # mobile, Buenos Aires
        n = digits(rng, 8, "2345679")
        sub = weighted(rng, [(7, n[:4] + "-" + n[4:]), (2, n[:4] + " " + n[4:]), (1, n)])
        compact = "-" not in sub and " " not in sub
        prefix = weighted(rng, [
            (14, "+54 9 11 "), (3, "+549 11 "), (2, "+54 911 "), (4, "11 "), (4, "11-"),
            (12, "15-"), (6, "15 "), (3, "(011) 15-"), (3, "011 15 "), (2, "011-15-"),
            (2, "+54 9 11-"), (2, "(11) "), (2, "(+54 9 11) ")])
        if compact:
            prefix = pick(rng, ["+54911", "15", "11", "+549 11 ", "011 15 "])
        return phone(prefix, sub)
    if kind < 0.65:  # mobile elsewhere in the country
        area = pick(rng, ["351", "341", "261", "221", "381", "223", "387", "343", "299"])
        n = digits(rng, 7, "2345679")
        sub = n[:3] + "-" + n[3:] if chance(rng, 0.8) else n[:3] + " " + n[3:]
        prefix = weighted(rng, [(4, f"+54 9 {area} "), (3, f"(0{area}) 15-"), (2, f"0{area} 15 "),
                                (2, f"{area} 15-"), (1, f"(0{area}) 15 ")])
        return phone(prefix, sub)
    if kind < 0.9:   # landline, Buenos Aires
        n = digits(rng, 8, "4456")
        sub = n[:4] + "-" + n[4:] if chance(rng, 0.85) else n[:4] + " " + n[4:]
        prefix = weighted(rng, [(8, "(011) "), (5, "011 "), (3, "011-"), (4, "+54 11 "),
                                (3, ""), (2, "(11) "), (1, "+54 (11) ")])
        return phone(prefix, sub)
    area = pick(rng, ["351", "341", "221", "223", "261", "381", "342", "2293"])
    n = digits(rng, 10 - len(area), "4")
    sub = n[:-4] + "-" + n[-4:]
    return phone(pick(rng, [f"(0{area}) ", f"0{area} ", f"0{area}-", f"+54 {area} "]), sub)


def es_spain_phone(rng):
    if chance(rng, 0.65):
        n = "6" + digits(rng, 8) if chance(rng, 0.85) else "7" + pick(rng, "1234") + digits(rng, 7)
    else:
        n = pick(rng, ["91", "93", "96", "95", "94", "98"]) + digits(rng, 7, "2345678")
    sub = weighted(rng, [(4, group(n, [3, 3, 3], " ")), (3, group(n, [3, 2, 2, 2], " ")), (2, n),
                         (2, group(n, [2, 3, 2, 2], " ")), (1, group(n, [3, 3, 3], "-")),
                         (1, group(n, [3, 3, 3], "."))])
    return phone(weighted(rng, [(6, ""), (3, "+34 "), (1, "0034 "), (1, "+34")]), sub)


def en_phone(rng, out_of_plan=False):
    if out_of_plan:
        return phone("", digits(rng, 3, "2345789") + "-" + digits(rng, 4))
    r = rng.random()
    if r < 0.1:
        return dk_phone(rng)
    if r < 0.14:
        return cn_mobile(rng)
    if r < 0.45:   # UK mobile
        n = "7" + weighted(rng, [(2, "4"), (2, "5"), (4, "7"), (4, "8"), (4, "9")]) + digits(rng, 8)
        form = rng.random()
        if form < 0.45:
            return phone("", "0" + n[:4] + " " + n[4:])
        if form < 0.6:
            return phone("", "0" + n)
        if form < 0.7:
            return phone("", "0" + n[:4] + " " + n[4:7] + " " + n[7:])
        prefix = weighted(rng, [(5, "+44 "), (2, "+44 (0)"), (1, "+44 (0) "), (1, "0044 ")])
        if chance(rng, 0.2):
            return phone(pick(rng, ["+44", "+44 "]), n)
        return phone(prefix, n[:4] + " " + n[4:])
    if r < 0.7:    # UK landline
        area, sizes = pick(rng, [("20", [4, 4]), ("20", [4, 4]), ("161", [3, 4]), ("121", [3, 4]),
                                 ("141", [3, 4]), ("131", [3, 4]), ("117", [3, 4]),
                                 ("113", [3, 4]), ("114", [3, 4]), ("151", [3, 4]),
                                 ("29", [4, 4]), ("28", [4, 4]), ("191", [3, 4]),
                                 ("1223", [6]), ("1865", [6])])
        first = {"20": "378", "29": "2", "28": "9"}.get(area, "2345678")
        n = digits(rng, sum(sizes), first)
        sub = group(n, sizes, " ") if chance(rng, 0.85) else n
        prefix = weighted(rng, [(6, f"0{area} "), (2, f"(0{area}) "), (2, f"+44 {area} "),
                                (1, f"+44 (0){area} "), (1, f"0{area}-")])
        return phone(prefix, sub)
    area = pick(rng, words("212 646 718 917 347 415 510 312 773 617 202 305 213 310 206 512 "
                           "303 215 404 503 702 617 858"))
    exch = pick(rng, "23456789") + digits(rng, 2)
    if exch[1:] == "11":
        exch = exch[0] + "21"
    line = digits(rng, 4)
    sep = weighted(rng, [(6, "-"), (2, "."), (2, " ")])
    sub = exch + sep + line
    prefix = weighted(rng, [(6, f"({area}) "), (5, f"{area}{sep}"), (2, f"+1 {area} "),
                            (2, f"+1 ({area}) "), (2, f"1-{area}-"), (1, f"+1-{area}-")])
    return phone(prefix, sub)


CN_MOBILE_PREFIXES = words("130 131 132 133 134 135 136 137 138 139 145 147 150 151 152 153 155 "
                           "156 157 158 159 166 170 171 173 175 176 177 178 180 181 182 183 184 "
                           "185 186 187 188 189 191 198 199")
CN_AREAS = [("010", 8), ("021", 8), ("022", 8), ("023", 8), ("020", 8), ("024", 8), ("025", 8),
            ("027", 8), ("028", 8), ("029", 8), ("0755", 8), ("0571", 8), ("0512", 8),
            ("0532", 8), ("0731", 8), ("0311", 8), ("0351", 7), ("0871", 7), ("0591", 8),
            ("0898", 8), ("0931", 7), ("0471", 7), ("0991", 7), ("0757", 8), ("0769", 8)]


def cn_mobile(rng, out_of_plan=False):
    n = (pick(rng, ["100", "104", "120", "110"]) if out_of_plan else
         pick(rng, CN_MOBILE_PREFIXES)) + digits(rng, 8)
    sub = weighted(rng, [(45, n), (25, group(n, [3, 4, 4], " ")), (15, group(n, [3, 4, 4], "-")),
                         (3, group(n, [3, 8], " ")), (2, group(n, [3, 4, 4], "　"))])
    prefix = weighted(rng, [(75, ""), (10, "+86 "), (3, "+86-"), (4, "+86"), (2, "0086 "),
                            (3, "(+86)"), (3, "（+86）")])
    return phone(prefix, sub, full_width=chance(rng, 0.03))


def cn_phone(rng, out_of_plan=False):
    if out_of_plan or chance(rng, 0.6):
        return cn_mobile(rng, out_of_plan)
    area, length = pick(rng, CN_AREAS)
    n = digits(rng, length, "2345678")
    form = rng.random()
    if form < 0.55:
        written = phone(area + "-", n)
    elif form < 0.65:
        written = phone(f"({area})", n)
    elif form < 0.73:
        written = phone(f"（{area}）", n)
    elif form < 0.83:
        written = phone(area + " ", n[:-4] + " " + n[-4:])
    elif form < 0.9:
        written = phone(f"+86 {area[1:]} ", n[:-4] + " " + n[-4:])
    elif form < 0.95:
        written = phone(f"+86-{area[1:]}-", n)
    else:
        written = phone("", n[:-4] + "-" + n[-4:] if chance(rng, 0.5) else n)
    if chance(rng, 0.06):
        written = Ident(written.written + "转" + digits(rng, 3, "1234568"), written.secrets)
    if chance(rng, 0.03):
        written = Ident(fullwidth_digits(written.written),
                        [fullwidth_digits(s) for s in written.secrets])
    return written


def phone_ident(rng, lang):
    out_of_plan = chance(rng, 0.05)
    return {"da": dk_phone, "en": en_phone, "es": ar_phone, "zh": cn_phone}[lang](rng, out_of_plan)


# Street addresses: the secret is the last word of the street's name with the house number.

def da_address(rng):
    street = pick(rng, DA_STREETS)
    num = str(weighted(rng, [(6, lambda r: r.randint(1, 40)), (3, lambda r: r.randint(41, 150)),
                             (1, lambda r: r.randint(151, 320))]))
    if chance(rng, 0.12):
        num += pick(rng, ["A", "B", "C", "a", "b", " A", " B", "D", "F"])
    floor = weighted(rng, [(30, ""), (12, lambda r: f", {r.randint(1, 6)}. tv."),
                           (12, lambda r: f", {r.randint(1, 6)}. th."),
                           (6, lambda r: f" {r.randint(1, 5)}. tv"),
                           (6, lambda r: f" {r.randint(1, 5)}.th"),
                           (5, lambda r: f", st. {pick(r, ['tv', 'th', 'tv.', 'th.', 'mf'])}"),
                           (4, ", st."), (3, ", kl."), (3, lambda r: f", {r.randint(1, 4)}. sal"),
                           (4, lambda r: f", {r.randint(1, 5)}. mf."),
                           (3, lambda r: f" {r.randint(1, 5)} tv"),
                           (3, lambda r: f", {r.randint(1, 9)}. {r.randint(1, 30)}"),
                           (2, lambda r: f", lejl. {r.randint(1, 40)}")])
    post = ""
    if chance(rng, 0.3):
        pc, town = pick(rng, DA_POSTCODES)
        post = pick(rng, [f", {pc} {town}", f" {pc} {town}", f", {pc}", f", DK-{pc} {town}"])
    if chance(rng, 0.06):
        street = danish_ascii(street)
    core = f"{street.split()[-1]} {num}"
    return Ident(f"{street} {num}{floor}{post}", [core])


def ar_address(rng):
    if chance(rng, 0.22):
        return es_spain_address(rng)
    r = rng.random()
    if r < 0.4:
        name = pick(rng, AR_AVENUES)
        kind = weighted(rng, [(5, "Av. "), (3, "Avenida "), (2, "Av "), (1, "Avda. "), (1, "AV. "),
                              (1, "av. "), (1, "")])
    elif r < 0.9:
        name = pick(rng, AR_CALLES)
        kind = weighted(rng, [(12, ""), (2, "calle "), (2, "Calle "), (1, "Pje. "),
                              (1, "Pasaje ")])
    else:
        name = pick(rng, AR_BOULEVARDS)
        kind = pick(rng, ["Bv. ", "Bvd. ", "Bulevar ", "Boulevard "])
    num = str(weighted(rng, [(5, lambda r: r.randint(100, 5999)), (2, lambda r: r.randint(1, 99)),
                             (2, lambda r: r.randint(6000, 9999))]))
    number = weighted(rng, [(17, num), (1, f"N° {num}"), (1, f"nro. {num}"), (1, f"nº {num}"),
                            (1, f"Nº{num}"), (1, f"n° {num}")])
    if chance(rng, 0.06):
        # La Plata's numbered streets.
        name, kind = str(rng.randint(1, 160)), pick(rng, ["calle ", "Calle ", ""])
        number = pick(rng, [f"N° {num[:4]}", f"nro {num[:4]}", f"n° {num[:4]}"])
    unit = weighted(rng, [(35, ""),
                          (8, lambda r: f", piso {r.randint(1, 14)}, depto {pick(r, 'ABCDEF')}"),
                          (6, lambda r: f" piso {r.randint(1, 14)} dto. {pick(r, 'ABCD')}"),
                          (8, lambda r: f", {r.randint(1, 14)}° {pick(r, 'ABCDEFGH')}"),
                          (5, lambda r: f" {r.randint(1, 14)}°{pick(r, 'ABCDEF')}"),
                          (3, lambda r: f", {r.randint(1, 14)}º \"{pick(r, 'ABCDEF')}\""),
                          (3, lambda r: f", {pick(r, ['1er', '2do', '3er', '4to', '5to'])} piso"),
                          (3, " PB"), (2, lambda r: f", PB {pick(r, 'ABC')}"),
                          (3, lambda r: f", depto {r.randint(1, 30)}"),
                          (2, lambda r: f", dpto. {r.randint(1, 9)}{pick(r, 'ABCD')}"),
                          (2, lambda r: f" (entre {pick(r, AR_CALLES)} y {pick(r, AR_CALLES)})")])
    post = weighted(rng, [(60, ""), (8, ", CABA"), (4, lambda r: f", {pick(r, AR_POSTCODES)} CABA"),
                          (3, lambda r: f", ({r.randint(1000, 1440)}) CABA"),
                          (10, lambda r: f", {pick(r, AR_BARRIOS)}"),
                          (8, lambda r: f", {pick(r, AR_CITIES)}"),
                          (4, lambda r: f" - {pick(r, AR_BARRIOS)}")])
    if chance(rng, 0.2):
        name, kind, post = strip_accents(name), strip_accents(kind), strip_accents(post)
    core = f"{name.split()[-1]} {number}"
    return Ident(f"{kind}{name} {number}{unit}{post}", [core])


def es_spain_address(rng):
    catalan = chance(rng, 0.25)
    name = pick(rng, ES_CARRERS if catalan else ES_STREETS)
    if catalan:
        kind = pick(rng, ["Carrer ", "C/ ", "c/ ", "C. "])
    else:
        kind = weighted(rng, [(4, "Calle "), (4, "C/ "), (2, "c/ "), (1, "C/"), (1, "Avda. "),
                              (1, "Avenida "), (1, "Paseo "), (1, "Pº "), (1, "Plaza "),
                              (1, "Pza. ")])
        if chance(rng, 0.3) and name.startswith(("de ", "del ")):
            name = name.split(" ", 1)[1]
    num = str(rng.randint(1, 220))
    sep = weighted(rng, [(5, ", "), (4, " "), (1, ", nº "), (1, " nº ")])
    unit = weighted(rng, [(25, ""),
                          (6, lambda r: f", {r.randint(1, 8)}º "
                                        f"{pick(r, ['izq.', 'dcha.', 'izda.', 'A', 'B', 'C'])}"),
                          (5, lambda r: f", {r.randint(1, 8)}º{pick(r, 'ABCD')}"),
                          (3, lambda r: f" {r.randint(1, 8)}º "
                                        f"{pick(r, ['izquierda', 'derecha', 'D', 'I'])}"),
                          (3, lambda r: f", {r.randint(1, 6)}º {r.randint(1, 4)}ª"),
                          (2, ", bajo"), (2, ", ático"),
                          (2, lambda r: f", {r.randint(1, 8)}-{pick(r, 'ABC')}"),
                          (2, lambda r: f", esc. {pick(r, 'ABC')}, {r.randint(1, 8)}º "
                                        f"{r.randint(1, 4)}ª")])
    post = weighted(rng, [(6, ""), (2, lambda r: f", {r.randint(28001, 28055)} Madrid"),
                          (2, lambda r: f", {r.randint(8001, 8042):05d} Barcelona"),
                          (1, ", Valencia"), (1, " (Sevilla)")])
    core = f"{name.split()[-1]}{sep}{num}"
    return Ident(f"{kind}{name}{sep}{num}{unit}{post}", [core])


def en_address(rng):
    r = rng.random()
    if r < 0.07:
        return da_address(rng)
    if r < 0.12:
        return ar_address(rng)
    uk = r < 0.6
    name = pick(rng, EN_STREET_NAMES)
    street = f"{name} {pick(rng, EN_STREET_TYPES_UK if uk else EN_STREET_TYPES_US)}"
    if uk:
        num = str(weighted(rng, [(7, lambda r: r.randint(1, 120)),
                                 (2, lambda r: r.randint(121, 400))]))
        if chance(rng, 0.06):
            num += pick(rng, "ABab")
        flat = weighted(rng, [(75, ""), (6, lambda r: f"Flat {r.randint(1, 30)}, "),
                              (3, lambda r: f"Flat {r.randint(1, 9)}{pick(r, 'ABCD')}, "),
                              (3, lambda r: f"Apartment {r.randint(1, 120)}, "),
                              (2, lambda r: f"flat {r.randint(1, 12)} "),
                              (2, lambda r: f"{r.randint(1, 40)} {pick(r, EN_BLOCKS)} "
                                            f"{pick(r, ['Court', 'House', 'Mansions'])}, ")])
        post = weighted(rng, [(45, ""),
                              (15, lambda r: f", {pick(r, EN_TOWNS)} {pick(r, EN_POSTCODES)}"),
                              (12, lambda r: f", {pick(r, EN_POSTCODES)}"),
                              (8, lambda r: f" {pick(r, EN_POSTCODES)}"),
                              (15, lambda r: f", {pick(r, EN_TOWNS)}")])
        core = f"{num} {name.split()[0]}"
        return Ident(f"{flat}{num} {street}{post}", [core])
    num = str(weighted(rng, [(5, lambda r: r.randint(1, 999)), (5, lambda r: r.randint(1000, 9999)),
                             (1, lambda r: r.randint(10000, 45000))]))
    direction = weighted(rng, [(8, ""), (1, "N "), (1, "W "), (1, "E. "), (1, "South ")])
    unit = weighted(rng, [(55, ""), (10, lambda r: f", Apt {r.randint(1, 20)}{pick(r, 'ABCDEF')}"),
                          (6, lambda r: f" #{r.randint(1, 40)}"),
                          (5, lambda r: f", Unit {r.randint(1, 12)}"),
                          (4, lambda r: f" Apt. {r.randint(1, 9)}{pick(r, 'ABCD')}"),
                          (3, lambda r: f", Suite {r.randint(1, 9)}00")])
    post = weighted(rng, [(45, ""), (15, lambda r: f", Brooklyn, NY {pick(r, US_ZIPS)}"),
                          (10, lambda r: f", {pick(r, US_CITIES_STATES)} {pick(r, US_ZIPS)}"),
                          (10, lambda r: f", {pick(r, US_CITIES_STATES).split(',')[0]}")])
    core = f"{num} {direction}{name.split()[0]}"
    return Ident(f"{num} {direction}{street}{unit}{post}", [core])


def zh_address(rng):
    road = pick(rng, ZH_ROADS)
    num = str(weighted(rng, [(6, lambda r: r.randint(1, 99)), (3, lambda r: r.randint(100, 999)),
                             (1, lambda r: r.randint(1000, 2999))]))
    r = rng.random()
    city = pick(rng, ["", "", "", "北京市", "上海市", "广州市", "深圳市", "成都市", "杭州市"])
    district = pick(rng, ZH_DISTRICTS) if chance(rng, 0.5) else ""
    building = weighted(rng, [(5, ""), (2, lambda r: f"{r.randint(1, 30)}号楼"),
                              (2, lambda r: f"{r.randint(1, 30)}栋"),
                              (1, lambda r: f"{pick(r, 'ABCDE')}座"),
                              (1, lambda r: f"{r.randint(1, 20)}幢")])
    unit = f"{rng.randint(1, 6)}单元" if building and chance(rng, 0.4) else ""
    room = weighted(rng, [(5, ""), (3, lambda r: f"{r.randint(1, 28)}{r.randint(1, 12):02d}室"),
                          (2, lambda r: f"{r.randint(1, 28)}{r.randint(1, 12):02d}"),
                          (1, lambda r: f"{r.randint(1, 6)}0{r.randint(1, 4)}号")])
    if r < 0.15:
        # A residential compound without the road: the building and flat are what identify.
        compound = pick(rng, ZH_COMPOUNDS) + pick(rng, ["小区", "", "", "社区"])
        building = building or f"{rng.randint(1, 30)}号楼"
        room = room or f"{rng.randint(1, 28)}{rng.randint(1, 12):02d}室"
        flat = building + unit + room
        written, secrets = f"{district}{compound}{flat}", [flat]
    elif r < 0.25:
        # Shanghai's lanes: 淮海中路1234弄5号301室.
        lane = f"{road}{num}弄"
        house = f"{rng.randint(1, 120)}号{rng.randint(1, 6)}0{rng.randint(1, 4)}室"
        written = f"{city}{district}{lane}{house}"
        secrets = [lane]
    else:
        core = f"{road}{num}号"
        extra = pick(rng, ["", "", "", "院"]) + building + unit + room
        written, secrets = f"{city}{district}{core}{extra}", [core]
    if chance(rng, 0.04):
        written, secrets = fullwidth_digits(written), [fullwidth_digits(s) for s in secrets]
    return Ident(written, secrets)


def address_ident(rng, lang):
    return {"da": da_address, "en": en_address, "es": ar_address, "zh": zh_address}[lang](rng)


# Vehicle registration plates.

PLATE_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"


def dk_plate(rng):
    l = pick(rng, PLATE_LETTERS) + pick(rng, PLATE_LETTERS)
    d = digits(rng, 5, "123456789")
    form = weighted(rng, [(55, f"{l} {d[:2]} {d[2:]}"), (20, f"{l}{d}"), (10, f"{l} {d}"),
                          (5, f"{l}-{d[:2]}-{d[2:]}"), (5, f"{l.lower()} {d[:2]} {d[2:]}"),
                          (5, f"{l}{d[:2]} {d[2:]}")])
    return Ident(form, [form, re.sub(r"^[A-Za-z]+[ -]?", "", form)])


def ar_plate(rng):
    r = rng.random()
    if r < 0.45:
        l = pick(rng, "ABCDEFGHIJKLMNOP") + pick(rng, PLATE_LETTERS) + pick(rng, PLATE_LETTERS)
        d = digits(rng, 3)
        form = weighted(rng, [(45, f"{l} {d}"), (30, f"{l}{d}"), (15, f"{l}-{d}"),
                              (10, f"{l.lower()} {d}")])
        return Ident(form, [form])
    if r < 0.85:
        l1 = "A" + pick(rng, "ABCDEFG")
        l2 = pick(rng, PLATE_LETTERS) + pick(rng, PLATE_LETTERS)
        d = digits(rng, 3)
        form = weighted(rng, [(45, f"{l1} {d} {l2}"), (35, f"{l1}{d}{l2}"), (10, f"{l1}-{d}-{l2}"),
                              (10, f"{l1.lower()} {d} {l2.lower()}")])
        return Ident(form, [form])
    # Spain: 1234 BCD.
    cons = "BCDFGHJKLMNPRSTVWXYZ"
    l = "".join(pick(rng, cons) for _ in range(3))
    d = digits(rng, 4)
    form = weighted(rng, [(5, f"{d} {l}"), (3, f"{d}-{l}"), (2, f"{d}{l}")])
    return Ident(form, [form])


def uk_plate(rng):
    area = pick(rng, "ABCDEFGHKLMNOPRSVWY") + pick(rng, "ABCDEFGHJKLMNOPRSTUVWXY")
    age = pick(rng, ["02", "52", "03", "53", "07", "57", "10", "60", "12", "62", "15", "65",
                     "18", "68", "19", "69", "21", "71", "22", "72", "23", "73", "24", "74"])
    tail = "".join(pick(rng, "ABCDEFGHJKLMNOPRSTUVWXYZ") for _ in range(3))
    form = weighted(rng, [(6, f"{area}{age} {tail}"), (3, f"{area}{age}{tail}"),
                          (1, f"{area}{age} {tail}".lower())])
    return Ident(form, [form, form[:4]])


CN_PROVINCES = list("京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼")


def cn_plate(rng):
    prov = pick(rng, CN_PROVINCES if chance(rng, 0.6) else list("京沪粤"))
    city = pick(rng, PLATE_LETTERS.replace("I", ""))
    if chance(rng, 0.2):   # new energy
        body = (pick(rng, "DDDF") + digits(rng, 5) if chance(rng, 0.85) else
                digits(rng, 5) + pick(rng, "DF"))
    else:
        chars = [pick(rng, "0123456789") for _ in range(5)]
        if chance(rng, 0.25):
            for _ in range(rng.randint(1, 2)):
                chars[rng.randrange(5)] = pick(rng, "ABCDEFGHJKLMNPQRSTUVWXYZ")
        body = "".join(chars)
    sep = weighted(rng, [(55, ""), (25, "·"), (10, " "), (4, "-"), (3, "•"), (3, "・")])
    if chance(rng, 0.03):
        city = city.lower()
    form = f"{prov}{city}{sep}{body}"
    return Ident(form, [form, body])


def plate_ident(rng, lang):
    if lang == "da":
        return dk_plate(rng) if chance(rng, 0.9) else weighted(rng, [(1, ar_plate), (1, uk_plate)])
    if lang == "es":
        return ar_plate(rng)
    if lang == "zh":
        return cn_plate(rng)
    return weighted(rng, [(60, uk_plate), (15, dk_plate), (15, ar_plate), (10, cn_plate)])


# Dates: (written, day and month as written).

DA_MONTHS = words("januar februar marts april maj juni juli august september oktober november "
                  "december")
DA_MONTHS_ABBR = words("jan. feb. mar. apr. maj jun. jul. aug. sep. okt. nov. dec.")
EN_MONTHS = words("January February March April May June July August September October "
                  "November December")
EN_MONTHS_ABBR = words("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec")
ES_MONTHS = words("enero febrero marzo abril mayo junio julio agosto septiembre octubre "
                  "noviembre diciembre")
ZH_NUMERALS = "〇一二三四五六七八九"


def random_date(rng, first_year, last_year):
    y = rng.randint(first_year, last_year)
    m = rng.randint(1, 12)
    days = [31, 29 if y % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    d = rng.randint(1, days)
    return y, m, d


def ordinal(d):
    return f"{d}{'th' if 10 <= d % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(d % 10, 'th')}"


def zh_numeral_year(y):
    return "".join(ZH_NUMERALS[int(c)] for c in str(y))


def zh_numeral(n):
    tens, ones = divmod(n, 10)
    return (("" if tens == 1 else ZH_NUMERALS[tens]) + "十" if tens else "") + \
        (ZH_NUMERALS[ones] if ones else "")


def format_date(rng, lang, y, m, d):
    yy, mm, dd = f"{y % 100:02d}", f"{m:02d}", f"{d:02d}"
    if lang == "da":
        month = DA_MONTHS[m - 1]
        if chance(rng, 0.1):
            month = month.capitalize()
        return weighted(rng, [
            (8, (f"{d}. {month} {y}", f"{d}. {month}")), (3, (f"{d} {month} {y}", f"{d} {month}")),
            (2, (f"{d}. {DA_MONTHS_ABBR[m - 1]} {y}", f"{d}. {DA_MONTHS_ABBR[m - 1]}")),
            (5, (f"{dd}.{mm}.{y}", f"{dd}.{mm}")), (3, (f"{dd}-{mm}-{y}", f"{dd}-{mm}")),
            (3, (f"{d}/{m}-{y}", f"{d}/{m}")), (3, (f"{dd}/{mm}/{y}", f"{dd}/{mm}")),
            (2, (f"{d}.{m}.{yy}", f"{d}.{m}")), (1, (f"{y}-{mm}-{dd}", f"{mm}-{dd}")),
            (1, (f"{d}/{m} {y}", f"{d}/{m}")), (1, (f"{d}.{m}.{y}", f"{d}.{m}"))])
    if lang == "en":
        month, abbr = EN_MONTHS[m - 1], EN_MONTHS_ABBR[m - 1]
        return weighted(rng, [
            (6, (f"{d} {month} {y}", f"{d} {month}")), (6, (f"{month} {d}, {y}", f"{month} {d}")),
            (2, (f"{month} {d} {y}", f"{month} {d}")),
            (3, (f"{ordinal(d)} {month} {y}", f"{ordinal(d)} {month}")),
            (2, (f"the {ordinal(d)} of {month} {y}", f"{ordinal(d)} of {month}")),
            (2, (f"{month} {ordinal(d)}, {y}", f"{month} {ordinal(d)}")),
            (4, (f"{mm}/{dd}/{y}", f"{mm}/{dd}")), (4, (f"{dd}/{mm}/{y}", f"{dd}/{mm}")),
            (2, (f"{m}/{d}/{yy}", f"{m}/{d}")), (2, (f"{y}-{mm}-{dd}", f"{mm}-{dd}")),
            (2, (f"{dd}-{abbr}-{y}", f"{dd}-{abbr}")), (2, (f"{abbr} {d}, {y}", f"{abbr} {d}")),
            (1, (f"{dd}.{mm}.{y}", f"{dd}.{mm}")), (1, (f"{d} {abbr} {y}", f"{d} {abbr}"))])
    if lang == "es":
        month = ES_MONTHS[m - 1]
        if m == 9 and chance(rng, 0.3):
            month = "setiembre"
        if chance(rng, 0.08):
            month = month.capitalize()
        day = f"{d}" if d != 1 else pick(rng, ["1", "1°", "1º", "primero"])
        return weighted(rng, [
            (8, (f"{day} de {month} de {y}", f"{day} de {month}")),
            (2, (f"{day} de {month} del {y}", f"{day} de {month}")),
            (6, (f"{dd}/{mm}/{y}", f"{dd}/{mm}")), (4, (f"{d}/{m}/{y}", f"{d}/{m}")),
            (2, (f"{dd}-{mm}-{y}", f"{dd}-{mm}")), (2, (f"{dd}.{mm}.{y}", f"{dd}.{mm}")),
            (2, (f"{d}/{m}/{yy}", f"{d}/{m}")), (1, (f"{d} {month} {y}", f"{d} {month}")),
            (1, (f"{y}-{mm}-{dd}", f"{mm}-{dd}"))])
    if chance(rng, 0.03):
        md = f"{zh_numeral(m)}月{zh_numeral(d)}日"
        return (f"{zh_numeral_year(y)}年{md}", md)
    return weighted(rng, [
        (10, (f"{y}年{m}月{d}日", f"{m}月{d}日")), (2, (f"{y}年{mm}月{dd}日", f"{mm}月{dd}日")),
        (2, (f"{y}年{m}月{d}号", f"{m}月{d}号")), (3, (f"{y}.{mm}.{dd}", f"{mm}.{dd}")),
        (3, (f"{y}-{mm}-{dd}", f"{mm}-{dd}")), (2, (f"{y}/{m}/{d}", f"{m}/{d}")),
        (1, (f"{y}.{m}.{d}", f"{m}.{d}")), (1, (f"{y}{mm}{dd}", f"{y}{mm}{dd}"))])


def birthdate_ident(rng, lang):
    y, m, d = random_date(rng, 1925, 2022)
    written, day_month = format_date(rng, lang, y, m, d)
    return Ident(written, [written, day_month])


# IP addresses.

IP_FIRST_OCTETS = {
    "da": [2, 5, 31, 37, 46, 62, 77, 78, 80, 83, 85, 87, 90, 91, 93, 94, 130, 176, 185, 188, 193,
           194, 195, 212, 213, 217],
    "en": [3, 8, 12, 24, 50, 64, 66, 68, 71, 73, 76, 81, 82, 86, 92, 98, 104, 108, 109, 151, 162,
           173, 174, 185, 195, 212],
    "es": [24, 45, 131, 152, 168, 170, 179, 181, 186, 190, 200, 201, 80, 83, 88, 95],
    "zh": [1, 14, 27, 36, 39, 42, 58, 59, 60, 61, 101, 106, 110, 111, 112, 113, 114, 115, 116,
           117, 118, 119, 120, 121, 122, 123, 124, 125, 180, 182, 183, 202, 210, 211, 218, 219,
           220, 221, 222, 223],
}
IPV6_PREFIXES = {"da": ["2a02", "2a01", "2001", "2a00", "2a05", "2a0e"],
                 "en": ["2a00", "2a01", "2001", "2600", "2601", "2603", "2607", "2a02"],
                 "es": ["2800", "2803", "2802", "2001", "2a0c", "2806"],
                 "zh": ["240e", "2408", "2409", "2400", "2001", "2402"]}


def ipv4(rng, lang):
    r = rng.random()
    if r < 0.1:
        return f"192.168.{rng.randint(0, 5)}.{rng.randint(2, 254)}"
    if r < 0.15:
        return f"10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
    return (f"{pick(rng, IP_FIRST_OCTETS[lang])}.{rng.randint(0, 255)}.{rng.randint(0, 255)}."
            f"{rng.randint(1, 254)}")


def ipv6(rng, lang):
    groups = [pick(rng, IPV6_PREFIXES[lang])] + [
        format(rng.randint(0, 0xffff), "x") for _ in range(7)]
    r = rng.random()
    if r < 0.1:
        groups = ["fe80", "0", "0", "0"] + groups[4:]
    if chance(rng, 0.6):
        # Runs of zero groups, compressed with "::" as addresses usually are written.
        start = rng.randint(2, 5)
        length = rng.randint(1, 7 - start)
        for i in range(start, start + length):
            groups[i] = "0"
    if chance(rng, 0.15):
        groups = [g.rjust(4, "0") for g in groups]
    text = ":".join(groups)
    if chance(rng, 0.7):
        best = max((m for m in re.finditer(r"(?:^|:)(?:0+:){1,}0+(?=:|$)", text)),
                   key=lambda m: len(m.group()), default=None)
        if best is not None:
            text = text[:best.start()] + "::" + text[best.end():].lstrip(":")
            text = text.replace(":::", "::")
    if chance(rng, 0.05):
        text = f"::ffff:{ipv4(rng, lang)}"
    if chance(rng, 0.12):
        text = text.upper()
    return text


def ip_ident(rng, lang):
    if chance(rng, 0.6):
        ip = ipv4(rng, lang)
        written = ip + (f":{pick(rng, ['80', '443', '8080', '22', '3389', '51820'])}"
                        if chance(rng, 0.08) else "")
    else:
        ip = ipv6(rng, lang)
        written = f"[{ip}]:{pick(rng, ['443', '8080', '22'])}" if chance(rng, 0.06) else ip
    return Ident(written, [ip])


# Passport numbers.

def passport_number(rng, nationality):
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
    if nationality in ("DK", "GB", "US9", "SE"):
        return digits(rng, 8 if nationality == "SE" else 9, "123456789")
    if nationality == "US":
        return pick(rng, "ACEFGHJKLMNPRSTUVWXYZ") + digits(rng, 8)
    if nationality == "DE":
        return "".join(pick(rng, "CFGHJKLMNPRTVWXYZ0123456789") for _ in range(9))
    if nationality == "PL":
        return pick(rng, letters) + pick(rng, letters) + digits(rng, 7)
    if nationality == "AR":
        return "AA" + pick(rng, "ABCDEFGHIJK") + digits(rng, 6)
    if nationality == "AR_OLD":
        return digits(rng, 8, "123456789") + "N"
    if nationality == "ES":
        return pick(rng, ["PA", "PAA", "XD", "AA"]) + pick(rng, letters) + digits(rng, 6)
    if nationality == "CN":
        return pick(rng, "EEEG") + digits(rng, 8)
    if nationality == "CN2":
        return "E" + pick(rng, "ABCDEFGHJKLMNPQRS") + digits(rng, 7)
    if nationality == "TR":
        return "U" + digits(rng, 8)
    if nationality == "BR":
        return pick(rng, ["FA", "FB", "GA", "YB"]) + digits(rng, 6)
    raise ValueError(nationality)


PASSPORT_MIX = {
    "da": [(55, "DK"), (8, "GB"), (8, "DE"), (6, "PL"), (6, "SE"), (6, "TR"), (6, "CN"), (5, "US")],
    "en": [(40, "GB"), (15, "US9"), (10, "US"), (8, "DE"), (8, "CN"), (7, "PL"), (6, "DK"),
           (6, "AR")],
    "es": [(45, "AR"), (10, "AR_OLD"), (25, "ES"), (8, "BR"), (6, "DE"), (6, "US")],
    "zh": [(50, "CN"), (30, "CN2"), (8, "US"), (6, "GB"), (6, "DE")],
}


def passport_ident(rng, lang):
    number = passport_number(rng, weighted(rng, PASSPORT_MIX[lang]))
    if chance(rng, 0.04):
        number = number.lower()
    return Ident(number, [number])


# National identity numbers, with their check digits right where they have one.

def cpr(rng):
    y, m, d = random_date(rng, 1930, 2023)
    if y >= 2000:
        seventh = pick(rng, "4949" + ("5678" if y <= 2057 else ""))
    elif y >= 1937:
        seventh = pick(rng, "0123012349")
    else:
        seventh = pick(rng, "0123")
    serial = seventh + digits(rng, 3)
    date = f"{d:02d}{m:02d}{y % 100:02d}"
    return weighted(rng, [(55, f"{date}-{serial}"), (41, f"{date}{serial}"),
                          (4, f"{date} {serial}")])


CN_AREA_CODES = words("110101 110102 110105 110106 110108 110114 310101 310104 310115 440103 "
                      "440106 440305 440306 330106 330102 320102 320106 420106 420111 510107 "
                      "510104 610113 130102 130104 210102 370102 500103 120101 350203 430104 "
                      "410105 130602 340104 360102 530102 450103 620102 150102")


def cn_id(rng):
    y, m, d = random_date(rng, 1935, 2020)
    body = f"{pick(rng, CN_AREA_CODES)}{y}{m:02d}{d:02d}{digits(rng, 3)}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    check = "10X98765432"[sum(int(c) * w for c, w in zip(body, weights)) % 11]
    if check == "X" and chance(rng, 0.2):
        check = "x"
    number = body + check
    if chance(rng, 0.06):
        return f"{number[:6]} {number[6:14]} {number[14:]}"
    return number


def cuit(rng):
    while True:
        prefix = weighted(rng, [(5, "20"), (5, "27"), (1, "23"), (1, "24")])
        dni = str(rng.randint(5_000_000, 45_999_999)).rjust(8, "0")
        body = prefix + dni
        s = sum(int(c) * w for c, w in zip(body, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]))
        check = 11 - s % 11
        if check == 10:
            continue
        check = 0 if check == 11 else check
        return weighted(rng, [(12, f"{prefix}-{dni}-{check}"), (7, f"{body}{check}"),
                              (1, f"{prefix} {dni} {check}")])


def dni(rng):
    n = rng.randint(3_000_000, 47_999_999)
    s = str(n)
    return weighted(rng, [(5, f"{n:,}".replace(",", ".")), (4, s)])


DA_ID_T = bars("""CPR: {0}|cpr-nr. {0}|Mit CPR-nummer er {0}|personnummer {0}|cpr {0}|{0} (cpr)|
CPR nr.: {0}|min søns cpr er {0}|CPR-nr.:{0}|Cpr.nr. {0}, hvis I skal slå mig op|
Jeg har oplyst mit cpr ({0}) to gange nu|sygesikringsbevis med cpr {0}|{0}|
Borgerservice bad om mit CPR-nummer {0}|cpr:{0}|Mit personnummer: {0}""")
EN_ID_T = bars("""My Danish CPR number is {0}|CPR {0}|CPR no. {0}|my personal number (CPR) is {0}|
Chinese ID number {0}|ID card no. {0}|resident ID {0}|My CUIL is {0}|CUIT {0}|DNI {0}|
national ID: {0}|my ID number is {0}, in case you need it|{0}|Danish personal ID number {0}|
Argentine DNI {0}|I gave them my CPR ({0}) twice already""")
ES_CUIT_T = bars("""CUIT {0}|CUIL: {0}|mi CUIL es {0}|C.U.I.T. {0}|CUIL/CUIT: {0}|{0}|cuil {0}|
CUIT N° {0}|Número de CUIL: {0}|le pasé mi CUIL ({0}) tres veces|CUIT: {0} (monotributo)|
mi cuit es {0}""")
ES_DNI_T = bars("""DNI {0}|DNI: {0}|D.N.I. {0}|D.N.I. N° {0}|documento {0}|doc. {0}|
Nro de documento: {0}|DNI N° {0}|dni {0}|mi dni es {0}|Número de documento {0}|
Documento Nacional de Identidad {0}|le pasé mi DNI ({0}) tres veces|DNI nro. {0}|titular DNI {0}|
Doc. {0}|DNI:{0}""")
ZH_ID_T = bars("""身份证号：{0}|身份证号码{0}|身份证：{0}|我的身份证号是{0}|证件号码：{0}|身份证{0}|
身份证号码: {0}|公民身份号码 {0}|已经提供过身份证号{0}了|{0}|请核对身份证号（{0}）|
居民身份证号：{0}|办事要填身份证号{0}，太麻烦|证件号：{0}""")


def national_id_ident(rng, lang):
    if lang == "da":
        number = cpr(rng)
    elif lang == "zh":
        number = cn_id(rng)
    elif lang == "es":
        number = cuit(rng) if chance(rng, 0.5) else dni(rng)
    else:
        number = weighted(rng, [(4, cpr), (3, cn_id), (2, cuit), (1, dni)])
    return Ident(number, [number])


def national_id_template(rng, lang, ident):
    """Templates that say what the number is (a DNI is a DNI only when the words say so)."""
    digits_only = re.sub(r"\D", "", ident.written)
    if lang == "es":
        return pick(rng, ES_DNI_T if len(digits_only) <= 8 else ES_CUIT_T)
    if lang == "en":
        if len(digits_only) <= 8:
            return pick(rng, ["DNI {0}", "Argentine DNI {0}", "my DNI is {0}", "DNI no. {0}"])
        if len(digits_only) == 10:
            return pick(rng, [t for t in EN_ID_T if "CUI" not in t and "DNI" not in t
                              and "Chinese" not in t and "resident" not in t])
        if len(digits_only) == 11:
            return pick(rng, ["My CUIL is {0}", "CUIT {0}", "CUIL: {0}", "tax number (CUIT) {0}",
                              "{0}"])
        return pick(rng, ["Chinese ID number {0}", "ID card no. {0}", "resident ID {0}",
                          "my ID number is {0}, in case you need it", "{0}",
                          "national ID: {0}"])
    return pick(rng, {"da": DA_ID_T, "zh": ZH_ID_T}[lang])


# Bank accounts: IBANs (ISO 13616, mod 97) and Argentine CBUs.

IBAN_FORMATS = {"DK": "4n10n", "GB": "4a6n8n", "DE": "8n10n", "ES": "4n4n2n10n", "FR": "5n5n11n2n",
                "NL": "4a10n", "NO": "4n6n1n", "SE": "3n17n", "IE": "4a6n8n", "IT": "1a5n5n12n",
                "PL": "8n16n", "BE": "3n7n2n", "FI": "3n11n", "CH": "5n12n", "PT": "4n4n11n2n"}
IBAN_BANKS = {"GB": ["NWBK", "BARC", "LOYD", "HBUK", "MIDL", "NAIA", "MONZ"],
              "NL": ["ABNA", "INGB", "RABO", "TRIO", "SNSB", "BUNQ"],
              "IE": ["AIBK", "BOFI", "IPBS"]}


def iban(rng, country):
    parts = re.findall(r"(\d+)([an])", IBAN_FORMATS[country])
    bban = ""
    for n, kind in parts:
        n = int(n)
        if kind == "a":
            bban += pick(rng, IBAN_BANKS.get(country, ["X" * n])) if n == 4 else \
                "".join(pick(rng, string.ascii_uppercase) for _ in range(n))
        else:
            bban += digits(rng, n)
    numeric = "".join(str(int(c, 36)) for c in bban + country + "00")
    check = 98 - int(numeric) % 97
    compact = f"{country}{check:02d}{bban}"
    if chance(rng, 0.55):
        return " ".join(compact[i:i + 4] for i in range(0, len(compact), 4))
    return compact


def cbu(rng):
    def check(digits_, weights):
        return str((10 - sum(int(c) * w for c, w in zip(digits_, weights)) % 10) % 10)
    bank = pick(rng, ["011", "007", "072", "017", "285", "015", "191", "029", "034", "027"])
    first = bank + digits(rng, 4)
    first += check(first, [7, 1, 3, 9, 7, 1, 3])
    account = digits(rng, 13)
    second = account + check(account, [3, 9, 7, 1, 3, 9, 7, 1, 3, 9, 7, 1, 3])
    return weighted(rng, [(7, first + second), (2, f"{first} {second}"), (1, f"{first}-{second}")])


IBAN_MIX = {"da": [(70, "DK"), (6, "DE"), (5, "SE"), (5, "NO"), (5, "GB"), (5, "NL"), (4, "PL")],
            "en": [(50, "GB"), (12, "IE"), (8, "DE"), (8, "NL"), (8, "FR"), (7, "DK"), (7, "ES")],
            "es": [(60, "ES"), (8, "IT"), (8, "DE"), (8, "FR"), (8, "PT"), (8, "GB")],
            "zh": [(25, "DE"), (20, "GB"), (15, "FR"), (15, "DK"), (10, "NL"), (8, "CH"),
                   (7, "ES")]}


def bank_ident(rng, lang):
    if lang == "es" and chance(rng, 0.4):
        number = cbu(rng)
    else:
        number = iban(rng, weighted(rng, IBAN_MIX[lang]))
    return Ident(number, [number])


# ---------------------------------------------------------------------------------------------
# Templates for the identifiers: {0}, {1} are identifiers; other {slots} are filled from FILL.

TEMPLATES = {
    "name": {
        "da": bars("""Jeg hedder {0} og bor i {dist}.|Min nabo {0} spiller høj musik hver nat.|
Kontakt {0}, hvis I har spørgsmål til projektet.|Hilsen {0}|Mvh. {0}|mvh {0}|
Venlig hilsen {0}, {dist}|{0} fra opgangen har klaget flere gange over lugten.|
Tak til {0} i Borgerservice for god hjælp!|Sagsbehandleren, {0}, svarede aldrig på min mail.|
Jeg talte med {0} i telefonen i går, men intet er sket.|Spørg {0} – hun ved alt om gårdlauget.|
Vores formand {0} har skrevet til kommunen om parkeringen.|Skriv til {0} eller {1} i bestyrelsen.|
{0} og {1} har startet en byttecentral i kælderen.|
Buschaufføren (tror han hed {0}) var meget venlig.|
Lægen, {0}, henviste mig til en specialist på Bispebjerg.|Jeg er gift med {0}, og vi har to børn.|
Min mor {0} kan ikke selv komme op ad trapperne.|Udfyldt af: {0}|Navn: {0}|
{0} skrev: "Cykelstien er farlig om morgenen."|Pedellen {0} er altid hjælpsom.|
Jeg har aftalt med {0}, at vi mødes på {wd}.|Min søn {0} går i 3. klasse på skolen i {dist}.|
Tak for hjælpen, {0}!|Besvaret på vegne af min far, {0}.|
Jeg fik at vide, at det var {0}, der var ansvarlig.|hej det er {0} igen, har I fået mit brev?|
Underskrevet {0}|Klage indsendt af {0} ({dist})|{0}: Jeg er utilfreds med renovationen.|
Jeg bor sammen med {0} og vores hund.|Det var {0} fra hjemmeplejen, der opdagede vandskaden.|
Hjemmehjælperen {0} kommer kun to gange om ugen.|
Efter samtalen med {0} fra Jobcentret blev det bedre.|Cykelsmeden på hjørnet, {0}, fortjener ros.|
Mødet blev ledet af {0}, og {1} tog referat.|Min kontaktperson er {0}.|{0}|Besvaret af {0} og {1}|
Kære {0}, tak for sidst.|Jeg blev hjulpet af {0} på biblioteket.|
Kan {0} ikke bare ringe til mig?"""),
        "en": bars("""My name is {0} and I live in {town}.|
My neighbour {0} plays loud music every night.|Please contact {0} if you have any questions.|
Regards, {0}|Kind regards, {0}|Thanks, {0}|Cheers {0}|
{0} from the flat upstairs has complained several times.|
Big thanks to {0} at the council for sorting this out!|
The caseworker, {0}, never answered my email.|
I spoke to {0} on the phone yesterday but nothing happened.|
Ask {0}, she knows everything about the allotments.|
Our chair {0} has written to the council about parking.|
Write to {0} or {1} on the residents' committee.|
{0} and {1} started a repair café in the church hall.|
The bus driver (I think his name was {0}) was very kind.|My GP, {0}, referred me to a specialist.|
I'm married to {0} and we have two kids.|My mum {0} can't manage the stairs any more.|
Completed by: {0}|Name: {0}|{0} wrote: 'the cycle lane is dangerous in the mornings'|
The caretaker {0} is always helpful.|I arranged with {0} to meet on {wd}.|
My son {0} is in Year 3 at the local primary.|Thanks for your help, {0}!|
Answered on behalf of my father, {0}.|I was told {0} was responsible.|
hi it's {0} again, did you get my letter?|Signed {0}|Complaint submitted by {0} ({town})|
{0}: I'm unhappy with the bin collections.|I live with {0} and our dog.|
It was {0} from the care team who found the leak.|
After talking to {0} at the Jobcentre things improved.|
The bike shop guy on the corner, {0}, deserves praise.|Call {0} in housing if there are problems.|
The meeting was chaired by {0}, and {1} took the minutes.|My key worker is {0}.|
Shout out to {0} who organised the street party!|{0}|Dear {0}, thanks for the reply.|
Best wishes, {0} ({town})|Respondent: {0}"""),
        "es": bars("""Me llamo {0} y vivo en {barrio}.|
Mi vecino {0} pone música fuerte todas las noches.|Cualquier duda, contactar a {0}.|Saludos, {0}|
Atte. {0}|Atentamente, {0}|{0} del 3° B se quejó varias veces por el olor.|
¡Gracias a {0} de la comuna por la ayuda!|La asistente social, {0}, nunca contestó mi mail.|
Hablé con {0} por teléfono ayer y no pasó nada.|Preguntale a {0}, que sabe todo de la huerta.|
Nuestra presidenta {0} le escribió al Gobierno de la Ciudad.|
Escribile a {0} o a {1} de la comisión.|{0} y {1} armaron una feria de intercambio en el club.|
El chofer del colectivo (creo que se llamaba {0}) fue muy amable.|
El médico de cabecera, {0}, me derivó al especialista.|Estoy casada con {0} y tenemos dos hijos.|
Mi mamá, {0}, tiene 80 años y no puede subir al colectivo.|Completado por: {0}|
Nombre y apellido: {0}|Nombre: {0}|{0} escribió: "la bicisenda es peligrosa a la mañana"|
El encargado del edificio, {0}, no hace nada.|Quedé con {0} en vernos el {wd}.|
Mi hijo {0} está en tercer grado en la escuela del barrio.|¡Gracias por la ayuda, {0}!|
Respondo en nombre de mi papá, {0}.|Me dijeron que el responsable era {0}.|
hola soy {0} de nuevo, ¿les llegó mi carta?|Firmado: {0}|Reclamo presentado por {0} ({barrio})|
{0}: estoy disconforme con la recolección de residuos.|Vivo con {0} y nuestro perro.|
Fue {0}, la enfermera, quien detectó la pérdida de agua.|
Después de hablar con {0} en la ANSES todo mejoró.|
El de la bicicletería de la esquina, {0}, se merece un aplauso.|
Llamen a {0} de la administración si hay problemas.|La reunión la coordinó {0} y {1} tomó nota.|
Mi referente es {0}.|Soy {0}, vecina de {barrio} hace 20 años.|{0}|Querida {0}, gracias por todo.|
Encuestado: {0}"""),
        "zh": bars("""我叫{0}，住在{dist}。|我的邻居{0}每天晚上都很吵。|有问题请联系{0}。|
联系人：{0}|联系人:{0}|{0}说小区的垃圾分类做得不好。|感谢{0}的热心帮助！|社区的{0}非常负责。|
填表人：{0}|姓名：{0}|{0}和{1}一起组织了社区活动。|我是{0}，在{dist}上班。|
我和{0}是同事，每天一起坐地铁。|昨天{0}给我打电话了，但问题还没解决。|已经告诉{0}了。|
问一下{0}吧，她比较清楚。|负责人是{0}。|我爸爸{0}今年七十多岁，上下楼很不方便。|
居委会的{0}从来不回消息。|谢谢{0}！|{0}：垃圾站的味道太大了。|物业的{0}态度很差。|
我儿子{0}在附近的小学读三年级。|代我父亲{0}填写。|投诉人：{0}（{dist}）|这件事是{0}负责的。|
我跟{0}约好周六见面。|公交司机{0}人很好。|网格员{0}每周都来走访。|签名：{0}|
会议由{0}主持，{1}记录。|是{0}先发现漏水的。|{0}反映楼道灯坏了很久了。|{0}|受访者：{0}|
麻烦{0}尽快处理一下。|我妈妈叫{0}。"""),
    },
    "email": {
        "da": bars("""Skriv til mig på {0}|Min mail: {0}|e-mail: {0}|Mail {0} for mere info|
Send billeder til {0}, tak.|{0} (privat)|Svar gerne på {0} eller {1}|Jeg kan kontaktes på {0}.|
Kontakt: {0}|mail mig på {0} hvis I vil høre mere|Min e-mailadresse er {0}|Email: {0}|
{0} – skriv endelig|Har skrevet fra {0} flere gange uden svar.|Kopi til {0}|Send referatet til {0}!|
Jeg fik en mail fra {0} om mødet.|Min nye mail er {0} (den gamle virker ikke)|{0}|mail:{0}|
Skriv til foreningen på {0}"""),
        "en": bars("""Email me at {0}|my email is {0}|Contact: {0}|{0} is my personal address|
Please reply to {0} or {1}|You can reach me at {0}.|E-mail: {0}|drop me a line at {0}|
send the photos to {0} thanks|I've written from {0} three times with no answer.|cc {0}|
New address: {0} (the old one is dead)|email {0} for details|{0}|email:{0}|
Contact the residents' association at {0}"""),
        "es": bars("""Mi mail es {0}|escribime a {0}|correo: {0}|mandame un mail a {0}|Mail: {0}|
contacto {0}|Pueden escribir a {0} o a {1}|Mi correo electrónico es {0}.|{0} (personal)|
Les escribí desde {0} tres veces y nada.|Por cualquier cosa: {0}|Mandé las fotos a {0}|Email: {0}|
mi nuevo correo es {0}|{0}|mail:{0}|Escriban a la cooperadora a {0}"""),
        "zh": bars("""邮箱：{0}|请发邮件到{0}|我的邮箱是{0}，欢迎联系|联系邮箱{0}|E-mail：{0}|
邮件请发{0}或{1}|有事发邮件{0}|{0}（私人邮箱）|我已经从{0}发了三封邮件了，没人回复。|简历投递：{0}|
请抄送{0}|电子邮箱:{0}|{0}|邮箱 {0}|业委会邮箱：{0}"""),
    },
    "phone": {
        "da": bars("""Ring på {0}|tlf. {0}|Tlf: {0}|Tlf.:{0}|mobil: {0}|Mobil {0}|Mit nummer er {0}|
Send en sms til {0}|I kan fange mig på {0} efter kl. 16|ring gerne til mig ({0})|
{0} – ring efter kl. 17|Ring til mig på {0} eller skriv en mail|Min telefon: {0}|Telefonnummer {0}|
Mobilnr. {0}|Tlf.nr. {0}|ring {0}|Hvis I vil vide mere, så ring på {0}.|Mobil {0} / fastnet {1}|
Ring {0} eller {1}|Telefon: {0} (hverdage 8-16)|sms {0} så ringer jeg tilbage|
Du kan ringe på tlf {0}|Jeg har ringet til {0} mange gange uden at komme igennem.|
Mit mobilnummer: {0}|tlf {0} efter kl 15|Ring venligst på telefon {0}.|
Min telefon er {0}, ring endelig"""),
        "en": bars("""Call me on {0}|call {0}|Phone: {0}|tel {0}|Tel.: {0}|mobile {0}|Mob: {0}|
cell: {0}|text me at {0}|My number is {0}|You can reach me on {0}.|ring me on {0} after 5pm|
WhatsApp {0}|Contact number: {0}|phone number {0}|give me a ring at {0}|{0} (mobile)|
Home {0}, mobile {1}|Call {0} or {1}|Landline: {0}|tel:{0}|Please call back on {0}.|
I rang {0} three times and nobody picked up.|The phone number they gave me ({0}) doesn't work.|
My mobile is {0}, call any time|phone {0} evenings"""),
        "es": bars("""cel: {0}|Cel. {0}|mi celu es {0}|llamame al {0}|Tel.: {0}|teléfono {0}|
telefono {0}|WhatsApp {0}|wsp {0}|escribime al {0}|mandame un mensaje al {0}|Mi número: {0}|
móvil: {0}|llámame al {0}|tlf {0}|te dejo mi número {0}|fijo: {0}|Tel. {0} de 9 a 18 hs|
celular {0} o fijo {1}|Llamé al {0} mil veces y no atienden.|Whatsapp: {0}|Mi teléfono es el {0}|
tel: {0} (dejar mensaje)|Llamar al {0} después de las 18|cel {0}|Celular: {0}"""),
        "zh": bars("""电话：{0}|手机：{0}|手机号{0}|联系电话{0}|我的电话是{0}|请拨打{0}|打{0}找我|
{0}（微信同号）|座机{0}|有事打我手机{0}|Tel：{0}|电话号码：{0}|请致电{0}|手机{0}，座机{1}|
打了{0}好几次都没人接。|联系电话：{0}/{1}|电话:{0}|微信/电话：{0}|手机号码：{0}|拨打{0}咨询|
我的手机号是{0}，随时联系|物业电话{0}一直打不通|联系方式：手机{0}"""),
    },
    "address": {
        "da": bars("""Jeg bor på {0}|Adresse: {0}|Min adresse er {0}|Jeg er flyttet til {0}.|
Opgangen i {0} er beskidt.|Der er rotter i gården ved {0}.|Afleveres på {0}|
Vi bor i stuelejligheden på {0}.|Send brevet til {0}|Bor: {0}|Vandskade i kælderen på {0}!|
kom forbi {0} kl. 17|Min mor bor på {0} og kan ikke komme ud.|Adr.: {0}|
Pakken blev leveret til {0} i stedet.|{0}|Hjemadresse: {0}|bor {0}|Mit barnebarn bor på {0}."""),
        "en": bars("""I live at {0}|My address is {0}|Address: {0}|We moved to {0} in March.|
The house at {0} has been empty for years.|Please deliver to {0}|
There's a broken streetlight outside {0}.|Send it to {0}, thanks|{0} – second floor|
Our flat at {0} has damp.|Home address: {0}|Parcel was left at {0} instead.|{0}|
My mum lives at {0} and can't get out.|Addr: {0}"""),
        "es": bars("""Vivo en {0}|Mi dirección es {0}|Dirección: {0}|Domicilio: {0}|
Me mudé a {0} el año pasado.|En la puerta de {0} hay un pozo enorme en la vereda.|
El edificio de {0} no tiene ascensor.|Entregar en {0}|Vivimos en {0} hace 15 años.|
La casa de mi abuela en {0} se inunda siempre.|Domicilio real: {0}|{0}|Mandar a {0}, gracias|
Dejaron el paquete en {0} por error.|Dir.: {0}"""),
        "zh": bars("""我住在{0}|家庭住址：{0}|地址：{0}|我家在{0}|快递请寄到{0}|
{0}楼下的垃圾桶总是满的。|住址：{0}|现居住于{0}|我搬到了{0}|请送到{0}，谢谢|{0}|
家住{0}，出行很不方便。|通讯地址:{0}|我妈住在{0}，腿脚不好。|收货地址：{0}"""),
    },
    "plate": {
        "da": bars("""Bilen med nummerpladen {0} holder altid på cykelstien.|reg.nr. {0}|
En hvid varevogn ({0}) parkerer ulovligt hver dag.|nummerplade: {0}|
Den blå Golf, {0}, kører alt for stærkt på villavejen.|Min bil har reg. nr. {0}|
Registreringsnummer {0}|bil {0} holder i indkørslen igen|Jeg noterede nummeret: {0}|
Nummerpladen var {0}, tror jeg.|Taxaen {0} kørte over for rødt.|Min beboerlicens gælder for {0}.|
Reg.nr.: {0}"""),
        "en": bars("""A car with registration {0} parks on the pavement every day.|reg {0}|
number plate {0}|licence plate {0}|license plate: {0}|
The white van ({0}) is always on the double yellows.|My car is {0}.|plate {0}|
Registration number {0}|The driver of {0} was on his phone.|I noted the plate: {0}|Vehicle reg: {0}|
my permit is for {0}"""),
        "es": bars("""patente {0}|El auto con patente {0} estaciona en la rampa.|dominio {0}|
un Fiat Palio patente {0}|matrícula {0}|la camioneta {0} siempre en doble fila|
anoté la patente: {0}|Pat. {0}|Dominio: {0}|El taxi {0} pasó en rojo.|mi auto es patente {0}|
el colectivo interno 12, patente {0}"""),
        "zh": bars("""车牌号{0}|车牌：{0}|一辆车牌为{0}的白色轿车|{0}的车天天占用消防通道。|
我的车是{0}|牌照{0}|车号{0}|车牌号码：{0}|那辆{0}的出租车闯红灯。|业主车辆{0}申请了月租车位。|
{0}又停在盲道上了"""),
    },
    "birthdate": {
        "da": bars("""Jeg er født {0}|født den {0}|Født: {0}|fødselsdato {0}|Fødselsdato: {0}|
f. {0}|Min datter er født {0} på Hvidovre Hospital.|{0} er min fødselsdato.|
min far er født d. {0} og bor alene|Født {0} i Aarhus|Fødselsdag: {0}|fødselsdato:{0}|
Jeg blev født {0} og har boet her siden"""),
        "en": bars("""I was born on {0}|born {0}|DOB: {0}|D.O.B. {0}|date of birth: {0}|
Date of birth {0}|my son was born on {0}|b. {0}|Born on {0} in Leeds|DoB {0}|
My mother (born {0}) lives alone.|birthdate: {0}|Date of Birth: {0}"""),
        "es": bars("""nací el {0}|Fecha de nacimiento: {0}|fecha de nac.: {0}|F. de nac. {0}|
nacido el {0}|nacida el {0}|Mi hija nació el {0}|nac. {0}|fecha nac {0}|
Mi papá (nacido el {0}) vive solo.|F. Nac.: {0}|Nací el {0} en Rosario."""),
        "zh": bars("""出生日期：{0}|我出生于{0}|{0}出生|生于{0}|出生年月日：{0}|生日：{0}|
我是{0}出生的|孩子{0}出生|出生日期:{0}|本人{0}生，退休在家|我父亲出生于{0}"""),
    },
    "ip": {
        "da": bars("""Min IP-adresse er {0}|IP: {0}|fejlen kom fra {0}|logget ind fra {0}|
routeren har adressen {0}|Min IP er {0}, hvis det hjælper|Blokeret IP {0}|
forbindelse fra {0} afvist|IP-adresse: {0}|Siden virker ikke fra {0}|{0}"""),
        "en": bars("""my IP is {0}|IP address {0}|login from {0} at 03:12|blocked {0}|
connected from {0}|IP: {0}|The error came from {0}|my router's address is {0}|
sign-in attempt from {0}|{0}|Public IP {0}"""),
        "es": bars("""mi IP es {0}|dirección IP: {0}|desde la IP {0}|la IP pública {0}|IP: {0}|
me bloquearon la IP {0}|intento de acceso desde {0}|el router tiene la {0}|{0}|
Conexión desde {0}"""),
        "zh": bars("""我的IP是{0}|IP地址：{0}|从{0}登录|来源IP {0}|IP：{0}|被封的IP是{0}|
访问来自{0}|路由器地址{0}|{0}|登录IP:{0}"""),
    },
    "passport": {
        "da": bars("""pasnummer {0}|Pas nr. {0}|mit pasnummer er {0}|pasnr.: {0}|Pas: {0}|
pas nummer {0}|Passet har nummer {0}|Pasnummer: {0}|mit pas ({0}) udløber snart|Pasnr {0}"""),
        "en": bars("""passport no. {0}|passport number {0}|Passport: {0}|passport #{0}|
my passport is {0}|Passport No: {0}|passport number: {0}, expires next year|Passport {0}|
passport nr {0}"""),
        "es": bars("""pasaporte {0}|N° de pasaporte: {0}|número de pasaporte {0}|pasaporte nro. {0}|
Pasaporte: {0}|Pasaporte N° {0}|mi pasaporte es el {0}|nro de pasaporte {0}|pasaporte n° {0}"""),
        "zh": bars("""护照号码：{0}|护照号{0}|护照：{0}|我的护照号是{0}|护照编号 {0}|护照号码:{0}|
护照号是{0}，明年到期|护照（{0}）|护照号码 {0}"""),
    },
    "bank": {
        "da": bars("""IBAN: {0}|Overfør til {0}|kontonummer (IBAN) {0}|min konto: {0}|
Pengene kan sættes ind på {0}|IBAN {0}|Kontonr.: {0}|Refusion til {0}, tak|{0}"""),
        "en": bars("""IBAN {0}|please transfer to {0}|bank account {0}|refund to IBAN: {0}|
IBAN: {0}|Account: {0}|pay into {0}|{0}"""),
        "es": bars("""IBAN: {0}|cuenta {0}|transferir a la cuenta {0}|Cuenta bancaria: {0}|
depositar en {0}|{0}|IBAN {0}|mi cuenta en España: {0}"""),
        "es_cbu": bars("""mi CBU es {0}|CBU {0}|CBU: {0}|Cuenta bancaria: {0}|depositar en {0}|{0}|
transferir al CBU {0}|CBU de la cuenta sueldo: {0}|Para el reintegro: CBU {0}"""),
        "zh": bars("""IBAN：{0}|银行账号：{0}|国际账号{0}|请汇款至{0}|账户：{0}|IBAN {0}|
退款请转到{0}|{0}"""),
    },
}

IDENT_MAKERS = {"name": name_ident, "email": email_ident, "phone": phone_ident,
                "address": address_ident, "plate": plate_ident, "birthdate": birthdate_ident,
                "ip": ip_ident, "passport": passport_ident, "national_id": national_id_ident,
                "bank": bank_ident}
# The chance that a whole text is typed in lower case, chat-style.
LOWER_CASE = {"name": 0.1, "address": 0.1, "birthdate": 0.06, "email": 0.04, "phone": 0.05}


# ---------------------------------------------------------------------------------------------
# Innocuous text: sentences put around identifiers, and the look-alikes.

NEUTRAL = {
    "da": bars("""Generelt er jeg tilfreds med området.|Der mangler cykelparkering ved stationen.|
Bussen kommer for sjældent om aftenen.|Tak for en god undersøgelse.|
Det er blevet bedre de sidste år.|Der er for meget trafik om morgenen.|
Legepladsen trænger til at blive renoveret.|Jeg savner flere bænke i parken.|
Ellers ingen kommentarer.|Affaldssorteringen fungerer fint.|Vi har boet her i mange år.|
Det larmer meget fra byggepladsen.|Der burde være flere træer.|Hilsen en glad borger.|
Beklager de mange kommentarer.|Se vedhæftede billeder.|Svar gerne hurtigt.|OBS!|Vigtigt:|Hej."""),
    "en": bars("""Overall I'm happy with the area.|There isn't enough bike parking at the station.|
The buses are too infrequent in the evening.|Thanks for the survey.|
It has got better in recent years.|Too much traffic in the mornings.|The playground needs doing up.|
We need more benches in the park.|No other comments.|Recycling works fine.|
We've lived here for years.|The building site is very noisy.|There should be more trees.|
Sorry for the long answer.|See photos attached.|Please reply soon.|NB:|Important:|Hi,|Hello."""),
    "es": bars("""En general estoy conforme con el barrio.|Faltan bicicleteros en la estación.|
El colectivo pasa muy poco a la noche.|Gracias por la encuesta.|
Mejoró bastante en los últimos años.|Hay demasiado tránsito a la mañana.|
La plaza necesita arreglos.|Faltan bancos en el parque.|Nada más que agregar.|
El reciclaje funciona bien.|Vivimos acá hace años.|La obra de al lado hace mucho ruido.|
Faltan árboles.|Perdón por lo largo.|Adjunto fotos.|Por favor respondan pronto.|OJO:|Importante:|
Hola,|Buenas tardes."""),
    "zh": bars("""总体来说我对小区比较满意。|地铁站附近没有地方停自行车。|晚上公交车太少了。|
谢谢你们的调查。|这几年变好了很多。|早上车太多了。|游乐场需要翻新。|公园里的长椅太少。|
没有其他意见。|垃圾分类做得还可以。|我们在这里住了很多年。|工地太吵了。|应该多种些树。|
不好意思写了这么多。|附件有照片。|请尽快回复。|注意：|重要：|你好，|您好！"""),
}

DA_WEEKDAYS = words("mandag tirsdag onsdag torsdag fredag lørdag søndag")
EN_WEEKDAYS = words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
ES_WEEKDAYS = words("lunes martes miércoles jueves viernes sábado domingo")
ZH_WEEKDAYS = bars("周一|周二|周三|周四|周五|周六|周日|星期一|星期三|星期五|星期六|星期天|"
                   "礼拜天|周末")

EN_FAMOUS_STREETS = bars("""Oxford Street|Regent Street|Baker Street|Abbey Road|Kingsland Road|
Mare Street|Broadway|Market Street|Deansgate|Princes Street|Sauchiehall Street|Lord Street|
Charlotte Street|Victoria Embankment|Euston Road|Whitechapel Road|Holloway Road|
Tottenham Court Road|Camden High Street|Bold Street|Jamaica Street|Elizabeth Street|
Martin Luther King Jr. Boulevard|Old Kent Road|Walworth Road|Brixton Hill|Coldharbour Lane|
Stoke Newington Church Street|Park Lane|the Strand|Fifth Avenue|Lake Shore Drive|Market Street|
Mission Street|Queen Street|Albert Road|King Street|Victoria Road|Station Road|High Street|
Church Lane|Mill Lane""")
DA_ORGS = bars("""Københavns Kommune|Region Hovedstaden|Movia|Metroselskabet|DSB|Rejsekort|HOFOR|
Amager Bakke|ARC|Sund & Bælt|By & Havn|Danmarks Statistik|Realdania|Novo Nordisk|Carlsberg|Ørsted|
Vestas|Mærsk|Cyklistforbundet|Københavns Universitet|DTU|Borgerservice|Socialforvaltningen|
Teknik- og Miljøforvaltningen|Tivoli|Fælledparken|Kongens Have|Superkilen|Den Blå Planet|
Rigshospitalet|Hvidovre Hospital|Bispebjerg Hospital|Frederiksberg Forsyning|Boligselskabet AKB|fsb|
KAB|Lejernes LO|Ældre Sagen|Red Barnet|Kræftens Bekæmpelse|Netto|Føtex|Irma|Coop|Jobcentret|
Hans Tavsens Park|Dronning Louises Bro|Kongens Nytorv|H.C. Andersens Slot|Peter Bangs Vej Station|
Nørrebroparken|Assistens Kirkegård|Sankt Hans Torv|Frederiks Kirke|Grundtvigs Kirke""")
EN_ORGS = bars("""Transport for London|TfL|the Greater London Authority|the NHS|Hackney Council|
C40 Cities|Eurocities|the World Bank|UN-Habitat|Network Rail|Thames Water|the Mayor of London|
Bloomberg Philanthropies|Sustrans|Friends of the Earth|Citizens Advice|Age UK|Shelter|
the Met Office|Ordnance Survey|John Lewis|Marks & Spencer|Sainsbury's|Morrisons|Tesco|Greggs|
Barclays|Lloyds Bank|King's College Hospital|St Thomas' Hospital|Guy's Hospital|
the Environment Agency|Historic England|Camden Council|Manchester City Council|the Post Office|
Royal Mail|Victoria Park|Alexandra Palace|the Elizabeth line|the Jubilee line|Waterloo station|
Charing Cross|St Pancras""")
ES_ORGS = bars("""el Gobierno de la Ciudad|GCBA|el Subte|el Metrobus|Ecobici|AySA|Edenor|Edesur|
ANSES|AFIP|el Banco Nación|el Banco Ciudad|el Ministerio de Transporte|la Legislatura porteña|
la Universidad de Buenos Aires|la UBA|el CONICET|la Defensoría del Pueblo|Trenes Argentinos|
la línea Sarmiento|la línea Mitre|la línea Roca|el Hospital Italiano|el Hospital Fernández|
el Hospital Durand|el Teatro Colón|el Parque Centenario|Plaza de Mayo|Plaza Italia|
la estación Constitución|la estación Federico Lacroze|el Hospital Ramos Mejía|el Garrahan|
la Escuela Domingo F. Sarmiento|el Colegio Nacional de Buenos Aires|San Lorenzo|Boca Juniors|
River Plate|el Ayuntamiento de Madrid|Renfe|Metro de Madrid|la EMT|el Bicing|Plaza San Martín|
el Parque Tres de Febrero|la Reserva Ecológica Costanera Sur|la Comuna 15|el CGP""")
ZH_ORGS = bars("""北京市交通委员会|生态环境局|国家统计局|清华大学|北京大学|中国移动|国家电网|
首都机场|地铁公司|街道办事处|居委会|物业公司|市长热线|12345热线|朝阳医院|协和医院|人民医院|
中关村科技园|王府井百货|天安门广场|颐和园|圆明园|北海公园|朝阳公园|奥林匹克公园|798艺术区|
国家图书馆|上海图书馆|外滩|豫园|南京路步行街|白云机场|黄花机场|首都图书馆|张江高科|金融街控股|
万达广场|华润万家|永辉超市|美团|滴滴出行|哈啰单车|共享单车公司""")


def thousands(n, sep):
    return f"{n:,}".replace(",", sep)


def amount(rng, lang):
    n = weighted(rng, [(3, lambda r: r.randint(100, 9999)),
                       (3, lambda r: r.randint(10_000, 999_999)),
                       (3, lambda r: r.randint(1_000_000, 99_999_999)),
                       (1, lambda r: r.randint(100, 9999) * 1_000_000)])
    x, y = rng.randint(1, 99), rng.randint(1, 9)
    cc = f"{rng.randint(0, 99):02d}"
    if lang == "da":
        return weighted(rng, [
            (5, f"{thousands(n, '.')} kr."), (2, f"{thousands(n, ' ')} DKK"),
            (2, f"kr. {thousands(n, '.')}"), (2, f"{thousands(n, '.')},-"),
            (1, f"DKK {x},{y} mio."), (2, f"{x} mio. kr."), (1, f"{x},{y} mia. kr."),
            (1, f"kr {n % 10000},{cc}"), (1, f"€ {thousands(n, '.')}"),
            (1, f"{thousands(n % 100000, '.')} kr./md."), (1, f"{thousands(n, '.')} kroner"),
            (1, f"{thousands(n, '.')} kr")])
    if lang == "en":
        return weighted(rng, [
            (5, f"£{thousands(n, ',')}"), (2, f"£{n % 1000}.{cc}"), (2, f"${x}.{y} million"),
            (3, f"${thousands(n, ',')}"), (1, f"€{thousands(n, ',')}"), (1, f"£{x}.{y}bn"),
            (1, f"USD {thousands(n, ',')}"), (1, f"£{n % 2000} per month"),
            (1, f"{thousands(n, ',')} GBP"), (1, f"$ {thousands(n, ',')}.{cc}"),
            (1, f"£{x}m"), (1, f"{thousands(n, ',')} pounds")])
    if lang == "es":
        return weighted(rng, [
            (5, f"$ {thousands(n, '.')}"), (3, f"${thousands(n, '.')}"),
            (1, f"ARS {thousands(n, '.')}"),
            (1, f"USD {x},{y} millones"), (1, f"u$s {thousands(n % 1000000, '.')}"),
            (1, f"US$ {thousands(n, '.')}"), (2, f"$ {thousands(n, '.')},{cc}"),
            (1, f"€ {thousands(n, '.')},{cc}"),
            (1, f"{thousands(n % 100000, '.')} millones de pesos"),
            (1, f"{thousands(n, '.')} euros"), (1, f"{x} mil pesos"),
            (1, f"$ {x}.{y:03d} millones")])
    return weighted(rng, [
        (3, f"¥{thousands(n, ',')}"), (3, f"{thousands(n, ',')}元"), (3, f"{n % 100000}万元"),
        (1, f"{x}.{y}亿元"), (2, f"人民币{n % 100000}元"), (1, f"RMB {thousands(n, ',')}"),
        (1, f"￥{thousands(n % 1000000, ',')}.00"), (1, f"每月{n % 10000}元"),
        (1, f"{n % 100000}万"),
        (1, f"{x}.{y}万元/平方米"), (2, f"{n % 100_000_000}元")])


def measure(rng, lang):
    n, x, y = rng.randint(1, 999), rng.randint(1, 99), rng.randint(1, 9)
    big = rng.randint(1000, 99999)
    if lang == "da":
        return pick(rng, [f"{x} %", f"{x},{y} %", f"{x},{y} km", f"{thousands(big, '.')} m²",
                          f"{n} kWh", f"{y},{x % 10} °C", f"{n % 130} km/t",
                          f"{thousands(big, '.')} m2",
                          f"{x} dB", f"{thousands(big, '.')} ton CO2", f"{x} procent", f"{n} meter",
                          f"{x},{y} mio. m³", f"{x} µg/m³", f"{n} GWh", f"{x}%"])
    if lang == "en":
        return pick(rng, [f"{x}%", f"{x}.{y}%", f"{x}.{y} km", f"{thousands(big, ',')} sq ft",
                          f"{n} kWh", f"{y}.{x % 10}°C", f"{n % 80} mph", f"{x} dB",
                          f"{thousands(big, ',')} tonnes of CO2", f"{x} per cent", f"{n} metres",
                          f"{x}.{y} GW", f"{x} µg/m3", f"{x} miles", f"{n} m²"])
    if lang == "es":
        return pick(rng, [f"{x} %", f"{x},{y} %", f"{x},{y} km", f"{thousands(big, '.')} m²",
                          f"{n} kWh", f"{y},{x % 10} °C", f"{n % 130} km/h", f"{x} dB",
                          f"{thousands(big, '.')} toneladas", f"{x} por ciento", f"{n} metros",
                          f"{x} µg/m³", f"{x} cuadras", f"{n} hectáreas", f"{x}%"])
    return pick(rng, [f"{x}%", f"{x}.{y}%", f"{x}.{y}公里", f"{big}平方米", f"{n}千瓦时",
                      f"{y}.{x % 10}摄氏度", f"{x}微克/立方米", f"{n % 130}公里/小时", f"{big}吨",
                      f"{x}℃", f"百分之{zh_numeral(x)}", f"{n}米", f"{x}分贝", f"{x}.{y}万平方米"])


def cvr(rng):
    while True:
        body = digits(rng, 7, "123456789")
        s = sum(int(c) * w for c, w in zip(body, [2, 7, 6, 5, 4, 3, 2]))
        check = (11 - s % 11) % 11
        if check < 10:
            n = body + str(check)
            return group(n, [2, 2, 2, 2], " ") if chance(rng, 0.4) else n


def event_date(rng, lang):
    y, m, d = random_date(rng, 2000, 2027)
    return format_date(rng, lang, y, m, d)[0]


def make_fill(lang):
    """The slots that look-alike and identifier templates may use, for one language."""
    f = {
        "year": lambda r: str(r.randint(1850, 2035)),
        "year2": lambda r: str(r.randint(1990, 2050)),
        "count": lambda r: thousands(r.randint(1000, 60000), "," if lang in ("en", "zh") else "."),
        "edate": lambda r: event_date(r, lang),
        "amount": lambda r: amount(r, lang),
        "measure": lambda r: measure(r, lang),
        "n": lambda r: str(r.randint(2, 30)),
        "yy": lambda r: f"{r.randint(0, 35):02d}",
        "case": lambda r: digits(r, 5),
        "case3": lambda r: digits(r, 3),
        "case8": lambda r: digits(r, 8, "123456789"),
        "cvr": cvr,
        "ean": lambda r: digits(r, 9),
        "cno": lambda r: f"{r.randint(0, 14_999_999):08d}",
        "chno": lambda r: str(r.randint(200_000, 1_199_999)),
        "vat": lambda r: f"{digits(r, 3)} {digits(r, 4)} {digits(r, 2)}",
    }
    if lang == "da":
        f.update(dist=DA_DISTRICTS, town=DA_TOWNS, street=DA_STREETS, org=DA_ORGS,
                 wd=DA_WEEKDAYS, month=DA_MONTHS, place=DA_DISTRICTS + DA_TOWNS,
                 pc=lambda r: (pick(r, DA_POSTCODES)[0] if chance(r, 0.6) else
                               str(r.randint(1000, 9990))),
                 pctown=lambda r: "%s %s" % pick(r, DA_POSTCODES))
    elif lang == "en":
        f.update(town=EN_TOWNS, street=EN_FAMOUS_STREETS, org=EN_ORGS, wd=EN_WEEKDAYS,
                 month=EN_MONTHS, place=EN_TOWNS + bars("""Charlotte|Victoria|Lincoln|Jackson|
Madison|Austin|Chelsea|Kingston|St Albans|St Helens|Stanley|Florence|Santa Monica|San Jose|
King's Cross|Elephant and Castle|Shepherd's Bush|Mile End|Beverley|Sidney|Washington|Houston|
Jefferson City"""),
                 pc=lambda r: pick(r, EN_POSTCODES) if chance(r, 0.7) else pick(r, US_ZIPS),
                 dist=EN_TOWNS)
    elif lang == "es":
        f.update(barrio=AR_BARRIOS, town=AR_CITIES, street=AR_AVENUES + AR_CALLES, org=ES_ORGS,
                 wd=ES_WEEKDAYS, month=ES_MONTHS, place=AR_BARRIOS + AR_CITIES,
                 pc=AR_POSTCODES + [str(x) for x in range(1001, 1441, 37)] + ["28014", "08012"],
                 av=AR_AVENUES, calle=AR_CALLES,
                 wds=words("lunes martes miércoles jueves viernes sábados domingos"))
    else:
        f.update(dist=ZH_DISTRICTS, city=ZH_CITIES, road=ZH_ROADS, org=ZH_ORGS, wd=ZH_WEEKDAYS,
                 place=ZH_CITIES + ZH_DISTRICTS,
                 month=[f"{m}月" for m in range(1, 13)] + bars("一月|三月份|五月|十月|腊月|正月"),
                 pc=lambda r: pick(r, ["100", "200", "510", "518", "610", "310", "430", "050"]) +
                 digits(r, 3))
    return f


LOOKALIKES = {
    "da": {
        "street_year": bars("""Ombygningen af {street} i {year} gav plads til flere cyklister.|
{street} blev lukket for biltrafik i {year}.|Siden {year} har {street} haft cykelsti i begge sider.|
I {year} plantede kommunen træer langs {street}.|
Trafiktællingen på {street} i {year} viste {count} cyklister i døgnet.|
Projektet på {street} løb fra {year} til {year2}.|
Casen {street} ({year}) viser, hvordan byrum kan omdannes.|Efter {year} blev {street} ensrettet.|
{street} og {street} fik nye busbaner i {year}.|
I casestudiet fra {year} sammenlignes {street} med {street}.|{street}|
Der er hul i asfalten på {street}.|Krydset ved {street} og {street} er farligt."""),
        "year_range": bars("""Handleplanen for {year}-{year2} er ambitiøs.|
i perioden {year}–{year2}|Budget {year}/{yy}|Klimaplanen {year}-{year2} skal evalueres.|
fra {year} til {year2}|sæsonen {year}/{yy}|i 1990'erne|Tal for {year}-{yy} viser et fald.|KBH 2025|
Kommuneplan 2019-2031|{year}–{yy}|Byggeriet står på fra {year} til {year2}."""),
        "event_date": bars("""Borgermødet holdes den {edate} kl. 19 på biblioteket.|
Høringsfristen er {edate}.|Sidste frist for ansøgning: {edate}|Vi starter {wd} d. {edate}.|
Indvielsen af parken var {edate}.|Storskraldet er flyttet til {edate}.|Metroen åbnede {edate}.|
Referat fra mødet {edate}|Svar senest {edate}|Grundlovsdag den 5. juni er der lukket.|
Generalforsamling {edate} i fælleshuset|Sendt {edate}|Foreningen blev stiftet den {edate}.|
Skolen blev bygget i 1902 og indviet {edate}.|
Kommunen har siden {edate} tilbudt gratis kompost."""),
        "amount": bars("""Projektet kostede {amount}.|Huslejen er steget til {amount} om måneden.|
Budgettet på {amount} rækker ikke.|Vi betaler {amount} i fællesudgifter.|
Kommunen har afsat {amount} til cykelstier.|Prisen er {amount}|
{amount} er alt for meget for en beboerlicens.|Tilskud: {amount}|{amount}|
Boligen blev solgt for {amount}."""),
        "measure": bars("""Målingen viste {measure}.|Ifølge rapporten: {measure}.|
Målet er {measure} i {year}.|{measure}|Tallet er steget til {measure}.|
Det svarer til {measure} om året.|Grænseværdien er {measure}.|
Sidste år var det {measure}, i år endnu mere."""),
        "postcode": bars("""Jeg bor i {pc}.|postnr. {pc}|{pctown}|DK-{pc}|
Vi er flyttet fra {pc} til {pc}.|Postnummer: {pc}|{pc}|Alle i {pc} har fået brev.|
Mit postnummer er {pc}"""),
        "code": bars("""Bygningen er certificeret efter ISO 14001.|
Det passer med verdensmål (SDG) 11.|Efter COP 26 skal planen opdateres.|EPD efter EN 15804|
PM2.5 er for høj ved skolen.|PM10-niveauet steg.|DS 418 beregning|
Bygningsreglementet BR18 kræver det.|Kun Euro 6 lastbiler må køre ind.|Scope 3-udledninger|
CVR-nr. {cvr}|CVR {cvr}|Sagsnr. {year}-{case}|j.nr. {yy}/{case}|Lokalplan nr. {n}{n}|E20 er lukket.|
M3 Cityringen|S-tog linje F|FN's verdensmål nr. 11|Agenda 2030|ISO 9001:2015|IPCC AR6|DGNB Guld|
Energimærke A2020|NOx og CO2e|ISO 37120|EAN-nr. 5798{ean}"""),
        "place": bars("""Jeg er flyttet fra {town} til {dist}.|Bor i {dist}|
Cykelturen fra {dist} til {dist} tager 20 minutter.|{town} har bedre busser end {town}.|
Vi savner {dist}.|{place}|Fra {place} til {place} med S-tog.|
Jeg arbejder i {town} men bor i {dist}."""),
        "org": bars("""{org} har lovet at svare.|Jeg har skrevet til {org} tre gange.|
Tak til {org} for hjælpen.|{org} burde tage sig af det.|Svar fra {org}: vi kigger på det.|{org}|
Hvorfor gør {org} ikke noget?"""),
        "calendar": bars("""Vi mødes hver {wd} i {month}.|Om {wd}en er bussen fyldt.|
I {month} og {month} er der flest cyklister.|Fra {month} til {month} er der vejarbejde.|
Hver anden {wd} kommer storskraldet.|Maj var en våd måned.|Juni og Juli er ferie.|
Mandag til fredag 8-16|Lørdag og søndag er der lukket.|Til {month} bliver det bedre.|
Næste {wd} kl. 10."""),
        "prose_word": bars("""Det er svært at cykle på {street} om vinteren.|
Jeg har ikke tid til at sortere affald, punktum.|Det handler om at tænke sig om.|
Vi håber at kommunen gør noget ved det.|Man skal huske at låse cyklen.|
Det er rart at kunne gå i parken om aftenen. Punktum.|Husk punktum efter forkortelser i brevet.|
Det er ikke til at holde ud at vente på bussen.|
Snabel-a tasten virker ikke på biblioteket computere.|
Børnene lærer at skrive punktum og komma i 1. klasse.|At bo i byen er dyrt.|
Jeg er glad for at bo her, punktum!|Kommunen lovede at svare inden {month}.|Følg os på @kbhkommune|
Pas på cyklisterne ved skolen!|Husk pas og billet til turen.|
Pasfoto koster 150 kr. i Borgerservice.|Læs mere på www.kk.dk/cykel|Se kk.dk for åbningstider.|
Punkt 3 på dagsordenen: affald.|Det er svært at finde tid at træffe naboerne."""),
        "number": bars("""Bus 5C kører hvert {n}. minut.|Linje 350S er altid forsinket.|
Åbent kl. 16.30-17.00|Ca. {count} beboere deltog.|Det tager 30-40 minutter hver vej.|
2 ud af 3 cykler til arbejde.|Uge {n}|Mine børn går i 3.-4. klasse.|Se kapitel 4.2 i rapporten.|
Vi er {n} personer i husstanden.|Toget kl. 14.32 fra Valby var aflyst.|
Version 2.4.1 af appen virker ikke.|1 ud af 5 borgere svarede.|Vi betalte 3 x 250 kr.|
Trin 1-2-3 i vejledningen|Opgang 12-14 har ingen elevator.|Plads 4 og 5|Ring 112 ved brand.|
Ring 1813 før du tager på skadestuen.|Strøget fylder 60 år i {year2}."""),
    },
    "en": {
        "street_year": bars("""{street} was pedestrianised in {year}.|
Since {year}, {street} has had a protected cycle lane.|
The {street} scheme ran from {year} to {year2}.|In {year} the council planted trees along {street}.|
Case study: {street} ({year})|{street} and {street} got bus lanes in {year}.|
A traffic count on {street} in {year} found {count} cyclists a day.|
After {year}, {street} became one-way.|{street}|There's a pothole on {street}.|
The junction of {street} and {street} is dangerous."""),
        "year_range": bars("""the {year}-{year2} plan|between {year} and {year2}|FY{year}/{yy}|
in the 1990s|the {year}/{yy} season|{year}–{yy}|Local Plan 2019-2036|
figures for {year}-{yy} show a drop|from {year} to {year2}|London Plan 2021"""),
        "event_date": bars("""The consultation closes on {edate}.|
Public meeting: {edate}, 7pm at the library.|The new line opened on {edate}.|Deadline {edate}|
Bin collection moved to {edate}.|Sent {edate}|The park reopened on {edate}.|
AGM on {edate} in the community hall|Reply by {edate} please.|The charity was founded on {edate}.|
The library was born out of a campaign that ended on {edate}.|
Since {edate} the council has offered free compost."""),
        "amount": bars("""The scheme cost {amount}.|Rent has gone up to {amount} a month.|
A budget of {amount} isn't enough.|We pay {amount} in service charges.|
The council set aside {amount} for cycle lanes.|Price: {amount}|
{amount} is far too much for a parking permit.|Grant: {amount}|{amount}|
The house sold for {amount}."""),
        "measure": bars("""The survey measured {measure}.|According to the report: {measure}.|
The target is {measure} by {year}.|{measure}|It has gone up to {measure}.|That's {measure} a year.|
The limit is {measure}.|Last year it was {measure}, this year even more."""),
        "postcode": bars("""I live in {pc}.|postcode {pc}|{pc}|ZIP {pc}|
Everyone in {pc} got a letter.|We moved from {pc} to {pc}.|My postcode is {pc}|Post code: {pc}"""),
        "code": bars("""The building is certified to ISO 14001.|This fits SDG 11.|
After COP26 the plan must be updated.|EPD to BS EN 15804|PM2.5 is too high near the school.|
PM10 levels rose.|BREEAM Excellent|LEED v4 Gold|Only Euro 6 lorries may enter.|the ULEZ charge|
Scope 3 emissions|IPCC AR6|NO2 levels|Section 106 money|The A406 is always jammed.|the M25|Zone 2|
Company No. {cno}|Registered charity no. {chno}|Planning ref. {year}/{case}/P|
FOI request {year}-{case}|Part L of the Building Regulations|ISO 9001:2015|VAT reg. GB {vat}|
the 73 bus|Route 38"""),
        "place": bars("""I moved from {town} to {town}.|Buses from {town} are awful.|
{town} needs more bike parking.|{place}|We live in {place}.|From {place} to {place} by train.|
I work in {town} but live in {place}."""),
        "org": bars("""{org} promised to reply.|I've written to {org} three times.|
Thanks to {org} for their help.|{org} should deal with it.|Reply from {org}: we're looking into it.|
{org}|Why won't {org} do anything?"""),
        "calendar": bars("""We meet every {wd} in {month}.|{wd}s are the worst for traffic.|
In {month} and {month} there are roadworks.|From {month} to {month} the road is closed.|
May was very wet.|See you in June!|April showers flood the underpass every year.|
Monday to Friday 9-5|Closed on Saturday and Sunday.|Next {wd} at 10.|
Every other {wd} the bins are collected."""),
        "prose_word": bars("""Look at the state of the pavement at the station.|
I work at the hospital.|the dot-com era|Meet at the library at 7.|
Dot the i's and cross the t's before you submit.|Follow @TfL for updates.|
We wait at the bus stop at least 20 minutes.|At home we recycle everything.|
It's dark at night at the park.|Full stop.|The council, at last, fixed it.|
Why is there a dot on the map at {street}?|Renewing a passport takes 10 weeks at the moment.|
The Passport Office at 2 Marsham Street is slow.|More at www.tfl.gov.uk/cycling|
See london.gov.uk for the consultation.|Item 3 on the agenda: bins."""),
        "number": bars("""The 73 bus runs every {n} minutes.|Route 38 is always late.|
Open 16:30-17:00|Around {count} residents took part.|It takes 30-40 minutes each way.|
2 out of 3 cycle to work.|Week {n}|My kids are in Year 3 and Year 5.|See chapter 4.2 of the report.|
We are {n} people in the household.|The 14:32 from Clapham was cancelled.|
Version 2.4.1 of the app doesn't work.|1 in 5 residents replied.|We paid 3 x £250.|
Steps 1-2-3 of the guide|Flats 12-14 have no lift.|Platform 9|In an emergency call 999.|
Ring 101 for non-emergencies.|Call 111 for the NHS."""),
    },
    "es": {
        "street_year": bars("""La Avenida {av} se ensanchó en {year}.|
Desde {year}, {calle} tiene bicisenda.|En {year} se peatonalizó la calle {calle}.|
El proyecto de la calle {calle} se hizo entre {year} y {year2}.|Estudio de caso: Av. {av} ({year})|
{calle} y {calle} tienen Metrobus desde {year}.|
Un conteo en Av. {av} en {year} registró {count} ciclistas por día.|
Después de {year}, {calle} pasó a ser mano única.|Av. {av}|Hay un bache enorme en {calle}.|
La esquina de {calle} y {calle} es peligrosa.|El Metrobus de la 9 de Julio se inauguró en 2013."""),
        "year_range": bars("""el plan {year}-{year2}|entre {year} y {year2}|
el período {year}–{year2}|la gestión {year}/{yy}|en los años 90|la década del 80|
Plan Urbano Ambiental 2008-2030|los datos de {year}-{yy} muestran una baja|de {year} a {year2}"""),
        "event_date": bars("""La audiencia pública es el {edate} a las 18 hs.|
El plazo vence el {edate}.|La Revolución de Mayo fue el 25 de mayo de 1810.|
La Independencia se declaró el 9 de julio de 1816.|El subte se inauguró el 1 de diciembre de 1913.|
Reunión de vecinos: {edate}|La recolección se pasa al {edate}.|Enviado el {edate}|
La plaza se reabrió el {edate}.|Asamblea el {edate} en el club|La cooperativa se fundó el {edate}.|
La biblioteca popular nació el {edate}.|Desde el {edate} la Ciudad entrega compost gratis."""),
        "amount": bars("""La obra costó {amount}.|El alquiler subió a {amount} por mes.|
Un presupuesto de {amount} no alcanza.|Pagamos {amount} de expensas.|
La Ciudad destinó {amount} a ciclovías.|Precio: {amount}|
{amount} es demasiado para un permiso de estacionamiento.|Subsidio: {amount}|{amount}|
La casa se vendió en {amount}."""),
        "measure": bars("""La medición dio {measure}.|Según el informe: {measure}.|
La meta es {measure} para {year}.|{measure}|Subió a {measure}.|Son {measure} por año.|
El límite es {measure}.|El año pasado fueron {measure}, este año más."""),
        "postcode": bars("""CP {pc}|Código postal: {pc}|{pc}|Vivo en el {pc}.|
Todos los del {pc} recibieron la carta.|Nos mudamos del {pc} al {pc}.|Mi código postal es {pc}|
C.P. {pc}"""),
        "code": bars("""El edificio tiene ISO 14001.|Se alinea con el ODS 11.|
Después de la COP 26 hay que actualizar el plan.|PM2,5 muy alto cerca de la escuela|Subió el PM10.|
Solo camiones Euro 5 pueden entrar.|Ley 27.275|Ley 26.061|Decreto {n}.{case3}/{year}|
Resolución {case3}/{year}|Expediente EX-{year}-{case8}-GCABA-DGTALMH|La línea 60 no pasa nunca.|
el colectivo 152|Ruta 8|la RN 40|Ruta Nacional 3|la autopista 25 de Mayo|Subte línea B|Comuna 15|
Norma IRAM 3501|Expediente N° {case8}/{year}|Ley 1.777"""),
        "place": bars("""Me mudé de {town} a {barrio}.|Los colectivos de {town} son un desastre.|
{barrio} necesita más bicicleteros.|{place}|Vivimos en {place}.|De {place} a {place} en tren.|
Trabajo en {town} pero vivo en {place}."""),
        "org": bars("""{org} prometió responder.|Le escribí a {org} tres veces.|
Gracias a {org} por la ayuda.|{org} debería ocuparse.|Respuesta de {org}: lo estamos viendo.|{org}|
¿Por qué {org} no hace nada?"""),
        "calendar": bars("""Nos reunimos todos los {wds} de {month}.|
Los {wds} el colectivo viene lleno.|En {month} y {month} hay obras.|
De {month} a {month} la calle está cortada.|Abril fue muy lluvioso.|Mayo es el mes de la feria.|
Hasta el {wd} que viene.|De lunes a viernes de 9 a 18|Sábados y domingos cerrado.|
Cada dos {wds} pasa el camión."""),
        "prose_word": bars("""Llegamos a las 5 en punto.|
Desde mi punto de vista, falta iluminación.|El punto de encuentro es la plaza.|
la burbuja de las punto com|Hay que poner punto final a los robos.|Punto y aparte: la basura.|
El formulario no acepta la arroba.|Punto limpio de reciclaje en la plaza|
Sigan a @BAciudad para novedades.|Estamos a punto de mudarnos.|Punto por punto, nada se cumplió.|
El pasaporte tarda 15 días hábiles.|Más info en www.buenosaires.gob.ar/ecobici|
Ver buenosaires.gob.ar para los horarios.|Punto 3 del orden del día: residuos."""),
        "number": bars("""El 60 pasa cada {n} minutos.|La línea B siempre viene llena.|
De 9 a 18 hs.|Participaron unas {count} personas.|Tardo 30-40 minutos de ida.|
2 de cada 3 van en bici.|Semana {n}|Mis hijos están en 3er y 5to grado.|
Ver capítulo 4.2 del informe.|Somos {n} en casa.|El tren de las 7:15 se canceló.|
La versión 2.4.1 de la app no anda.|1 de cada 5 vecinos respondió.|Pagamos 3 x $250.|
Pasos 1-2-3 de la guía|Los departamentos 12 a 14 no tienen ascensor.|Andén 9|
Ante una emergencia llamá al 911.|Llamá al 147 para reclamos.|
Corrientes 24 horas abierta, como siempre."""),
    },
    "zh": {
        "street_year": bars("""{road}在{year}年进行了改造。|{year}年{road}拓宽工程完工。|
{road}从{year}年开始禁止货车通行。|案例研究：{road}（{year}年）的街道更新。|
{road}和{road}在{year}年增设了自行车道。|{year}年以后{road}变成了步行街。|{road}|{road}上有个大坑。|
{road}和{road}路口很危险。|{year}年{road}的车流量是每天{count}辆。"""),
        "year_range": bars("""{year}-{year2}年|“十四五”期间（2021—2025年）|{year}年至{year2}年|
{year}—{year2}年规划|到{year}年|{year}~{year2}年|2035年远景目标|{year}年到{year2}年间"""),
        "event_date": bars("""会议定于{edate}召开。|{edate}起实施新规定。|截止日期：{edate}|
活动时间：{edate}上午9点|2008年8月8日北京奥运会开幕。|{edate}停水通知|地铁新线于{edate}开通。|
业主大会将于{edate}举行|发布日期：{edate}|1949年10月1日是国庆节。|协会成立于{edate}。|
这家医院诞生于{edate}。|自{edate}起免费发放堆肥。"""),
        "amount": bars("""项目花了{amount}。|房租涨到每月{amount}。|{amount}的预算不够。|
物业费一年{amount}。|政府拨款{amount}修自行车道。|价格：{amount}|停车费{amount}太贵了。|
补贴：{amount}|{amount}|房子卖了{amount}。"""),
        "measure": bars("""测量结果是{measure}。|报告显示：{measure}。|
目标是到{year}年达到{measure}。|{measure}|已经上升到{measure}。|相当于每年{measure}。|
标准限值是{measure}。|去年是{measure}，今年更多。"""),
        "postcode": bars("""邮编：{pc}|邮政编码{pc}|{pc}|邮编{pc}的居民都收到了通知。|
我们从{pc}搬到了{pc}。|邮编 {pc}"""),
        "code": bars("""符合GB/T 50378-2019标准。|执行GB 3095-2012。|通过了ISO 14001认证。|
PM2.5浓度太高。|PM10超标。|国六排放标准|COP28之后要更新计划。|SDG 11可持续城市|京津冀协同发展|
京沪高铁|沪深300指数|粤港澳大湾区|终于摇到京牌了|沪C牌照不能进外环|京A牌照很难拿到|地铁10号线|
4号线太挤了|从3号口出来|G6京藏高速|京港澳高速|五环路|二环路|“十四五”规划|京政发〔{year}〕{n}号|
国发〔{year}〕{n}号|AQI 150|5A级景区|京B出租车|8号线三期"""),
        "place": bars("""我住在{dist}。|从{city}到{city}坐高铁两个小时。|{city}的公共交通很发达。|
{dist}的房价太高了。|我在{city}{dist}上班。|上周去了{city}出差。|{city}和{city}哪个更适合养老？|
{place}|老家是{city}的。"""),
        "org": bars("""{org}答应回复。|我给{org}写了三次信。|感谢{org}的帮助。|{org}应该管一管。|
{org}回复：正在处理。|{org}|为什么{org}不管？"""),
        "calendar": bars("""每{wd}都有活动。|{wd}地铁特别挤。|{month}到{month}修路。|
{month}雨水很多。|{wd}到{wd}上班。|下{wd}上午10点开会。|周一至周五9:00-17:00|周末不休息。|
每个月的第一个{wd}收大件垃圾。"""),
        "prose_word": bars("""三点半开会。|一点点进步。|重点是停车难。|地点：社区活动中心。|
在群里艾特我一下。|@所有人 明天停水。|终点站太远了。|早点休息。|有点吵。|九点以后不要装修。|
这个点公交车很少。|点赞！|外卖点多了。|优点是交通方便，缺点是吵。|护照办理需要15个工作日。|
详见www.bjjtw.gov.cn|请登录bjjtw.gov.cn查询。|议程第3点：垃圾分类。"""),
        "number": bars("""300路公交车每{n}分钟一班。|1号线总是很挤。|营业时间16:30-17:00|
大约{count}名居民参加了。|单程30-40分钟。|三分之二的人骑车上班。|第{n}周|孩子上三年级。|
见报告第4.2节。|家里{n}口人。|14:32的火车取消了。|App的2.4.1版本打不开。|五分之一的居民回复了。|
3号楼到5号楼没有电梯。|9站台|2号线换乘10号线|紧急情况请拨打110或120。|有问题打12345市民热线。|
第12号台风明天登陆。"""),
        "cn_word": bars("""这个周末我们去公园散步。|高速公路上堵车很严重。|我马上就到，请稍等。|
这里交通很方便。|金融街附近停车太难了。|白天噪音太大，晚上还好。|林业局应该多种点树。|
楼下的李子树结果了。|黄河边的步道修好了。|早高峰地铁太挤了。|晚高峰时段公交车很慢。|
社区文化活动很丰富。|希望建设文明城市。|方便面的包装垃圾到处都是。|我们这里的温度比市区低两度。|
安全问题一定要重视。|常常有外卖电动车逆行。|周边环境越来越好了。|孙子在附近的幼儿园上学。|
钱包丢了，派出所很快帮我找回来了。|石头路面不平，老人容易摔倒。|江边的夜景很美。|
宋朝的古建筑需要保护。|唐朝的遗址公园人很多。|许多居民反映噪音问题。|韩国料理店开到了小区门口。|
曾经的老厂房改成了文创园。|田地越来越少了。|董事会还没有决定。|于是我们给热线打了电话。|
任何人都可以参加。|夏天太热，需要更多遮阳的地方。|付款方式应该更简单。|白色垃圾太多。|
熊猫基地周末人太多。|雷雨天气地下通道会积水。|龙头企业应该承担更多责任。|陶瓷厂的烟味很大。|
黎明时分清洁工就开始工作了。|顾客投诉很多。|万一发生火灾怎么办？|严重影响居民休息。|
向前走两百米就是地铁站。|康复中心离家太远。|施工噪音扰民。|牛奶盒应该放进可回收垃圾桶。|
安全出口被堵住了。|配套设施齐全。|颜色太鲜艳了。|申请公租房太难了。|欧洲的城市自行车道做得很好。|
关于停车的问题，希望尽快解决。|焦点是交通拥堵。|左边的车道太窄。|柳树的飞絮太多了。|
祝贺新公园开放！|包括老年人和儿童。|宁静的环境很重要。|尚未收到回复。|符合规定吗？|舒适度不高。|
纪念碑周围要加强管理。|梅花开了，很漂亮。|童年的回忆。|凌晨三点还有人装修。|毕业后留在这里工作。|
单位离家太远。|季节变化时容易生病。|涂料的味道很刺鼻。|成本太高。|苗木种植得很好。|
蓝天白云越来越多了。|路灯坏了好几天。|游客太多了。|辛苦了，环卫工人！|管理不到位。|
柴油车的尾气太重。|房子太贵了。|解决问题要快。|尤其是晚上。|阳光很好。|时间不够用。|
农业用地被占用。|司机开得太快。|古代的城墙需要保护。|简单来说，就是停车难。|车辆太多。|
项目进度太慢。|连接两个小区的桥还没修好。|景观设计不错。|费用太高。|冷气开得太足了。|
卫生条件有待提高。|柏油路面修好了。|桂花很香。|全部都是外地车。|应该增加公交线路。|师傅态度很好。|
商店关门太早。|沙发被扔在楼道里。|明天会下雨。|池塘里的水很脏。|查询结果还没出来。|麻烦尽快处理。|
这个设计很高明。|金华火腿很有名。|常青藤爬满了墙。|白云机场的大巴很方便。|文明养犬。|安静的街道。|
黄金周出行的人很多。|高峰时段限行。|马路对面新开了一家超市。|周一到周五上班。|王府井人太多了。|
张家界的旅游团很多。|程序太复杂了。|温馨提示：请勿高空抛物。|钟楼附近在修路。|汤圆店排长队。|
孔雀开屏了。|包子铺很好吃。|江山如画。|黄色的共享单车乱停。|史无前例的大雨。|
邵阳来的朋友说这里很好。|范围太大了。|陆地上的交通。|杨树的絮到处飞。|雷锋精神。|毛毛雨也要打伞。|
高楼太多，没有阳光。|胡同里的老人很多。|朱红色的大门。|郭外的农田。|何时才能修好？|
罗马不是一天建成的。|梁上有燕子窝。|谢谢大家的配合！|林荫道很舒服。"""),
    },
}


# ---------------------------------------------------------------------------------------------
# Items.

def render(rng, template, idents, fill):
    """The template with {0}, {1}... replaced by identifiers and other {slots} from fill; and the
    spans [begin, end) of the identifiers in the result."""
    text, spans, pos, slot_end = "", [], 0, -1
    for m in re.finditer(r"\{(\w+)\}", template):
        text += tidy(text, slot_end, template[pos:m.start()])
        key = m.group(1)
        if key.isdigit():
            ident = idents[int(key)]
            spans.append((len(text), len(text) + len(ident.written)))
            text += ident.written
        else:
            value = fill[key]
            text += value(rng) if callable(value) else pick(rng, value)
        pos, slot_end = m.end(), len(text)
    return text + tidy(text, slot_end, template[pos:]), spans


def tidy(text, slot_end, literal):
    """The literal that follows a slot, without a second full stop after "3. th." or "kr."."""
    if slot_end == len(text) and text.endswith(".") and literal.startswith("."):
        return literal[1:]
    return literal


def wrap(rng, lang, template):
    """Sometimes a sentence of ordinary comment before or after, as answers often have."""
    r = rng.random()
    neutral = pick(rng, NEUTRAL[lang])
    if lang == "zh":
        if r < 0.15:
            return neutral + template
        if r < 0.3:
            return template + ("" if template.endswith(("。", "！", "？")) else "。") + neutral
        return template
    if r < 0.15:
        return neutral + " " + template
    if r < 0.3:
        return template + (" " if template.endswith((".", "!", "?")) else ". ") + neutral
    return template


def valid(text, spans, secrets):
    """Whether the item is fair: secrets present, and gone when just the identifiers are."""
    if "\t" in text or "\n" in text or not secrets:
        return False
    for s in secrets:
        if s not in text or "\t" in s or "\n" in s:
            return False
    perfect = text
    for begin, end in sorted(spans, reverse=True):
        perfect = perfect[:begin] + REMOVED + perfect[end:]
    return not any(s in perfect for s in secrets)


def pii_item(rng, lang, category, fill):
    maker = IDENT_MAKERS[category]
    if category == "national_id":
        idents = [maker(rng, lang)]
        template = national_id_template(rng, lang, idents[0])
    elif category == "bank" and lang == "es":
        idents = [maker(rng, lang)]
        cbu_number = idents[0].written[:2].isdigit()
        template = pick(rng, TEMPLATES[category]["es_cbu" if cbu_number else "es"])
    else:
        template = pick(rng, TEMPLATES[category][lang])
        needed = 1 + max(int(k) for k in re.findall(r"\{(\d+)\}", template))
        idents = [maker(rng, lang) for _ in range(needed)]
    text, spans = render(rng, wrap(rng, lang, template), idents, fill)
    secrets = []
    for ident in idents:
        for s in ident.secrets:
            if s not in secrets:
                secrets.append(s)
    if chance(rng, LOWER_CASE.get(category, 0)) and lang != "zh":
        if len(text.lower()) == len(text):
            text, secrets = text.lower(), list(dict.fromkeys(s.lower() for s in secrets))
    if not valid(text, spans, secrets):
        return None
    return [lang, "pii", category, text] + secrets


def lookalike_item(rng, lang, kind, fill):
    template = pick(rng, LOOKALIKES[lang][kind])
    if kind == "cn_word" and chance(rng, 0.5):
        template += pick(rng, LOOKALIKES[lang][kind])
    text, _ = render(rng, wrap(rng, lang, template), [], fill)
    if "\t" in text or "\n" in text:
        return None
    return [lang, "look", kind, text]


def cell(make, count):
    """`count` items from make(), distinct where the cell has enough variety to allow it."""
    items, seen, attempts = [], set(), 0
    while len(items) < count:
        attempts += 1
        if attempts > 200 * count + 1000:
            raise RuntimeError("cannot make enough valid items")
        item = make()
        if item is None:
            continue
        if item[3] in seen and attempts < 30 * count:
            continue
        seen.add(item[3])
        items.append(item)
    return items


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: make_pii_corpus.py SEED [N_PER_CELL]")
    seed = int(sys.argv[1])
    per_cell = int(sys.argv[2]) if len(sys.argv) == 3 else 500
    per_kind = max(40, per_cell // 4)
    sys.stdout.reconfigure(encoding="utf-8", newline="\n")
    lines = []
    for lang in LANGS:
        fill = make_fill(lang)
        for category in PII_CATEGORIES:
            rng = random.Random(f"{seed}/pii/{lang}/{category}")
            lines += cell(lambda: pii_item(rng, lang, category, fill), per_cell)
        for kind in LOOKALIKES[lang]:
            rng = random.Random(f"{seed}/look/{lang}/{kind}")
            lines += cell(lambda: lookalike_item(rng, lang, kind, fill), per_kind)
    sys.stdout.write("".join("\t".join(line) + "\n" for line in lines))


if __name__ == "__main__":
    main()
