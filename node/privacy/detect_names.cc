#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "node/privacy/internal/names.h"

namespace citynet::privacy::internal {

namespace {

// ---------------------------------------------------------------------------------------------
// Word lists.

constexpr std::string_view kGivenNames[] = {
#include "node/privacy/given_names.inc"
};
constexpr std::string_view kSurnames[] = {
#include "node/privacy/surnames.inc"
};
constexpr std::string_view kChineseSurnames[] = {
#include "node/privacy/chinese_surnames.inc"
};
constexpr std::string_view kPlaces[] = {
#include "node/privacy/places.inc"
};
struct CommonWord {
  std::string_view word;
  int tier;
};
constexpr CommonWord kCommonWords[] = {
#include "node/privacy/common_words.inc"
};

// Given names that are also words, months or places the frequency lists miss or rank low: they
// start a name only beside another known name ("May Jensen", "Rose Marie Nielsen", not "May Day",
// "Bo Concept", "Rosario Central").
// clang-format off
constexpr std::string_view kAmbiguousGivenNames[] = {
    // English words, months and places
    "amber", "angel", "april", "art", "august", "austin", "autumn", "bill", "brook", "carter",
    "chase", "chelsea", "cooper", "dean", "frank", "georgia", "grace", "hazel", "holly", "hope",
    "hunter", "iris", "ivy", "jack", "jade", "jordan", "joy", "june", "lincoln", "lily", "luna",
    "mark", "mason", "may", "miles", "parker", "ray", "rich", "robin", "rose", "ruby", "sky",
    "summer", "taylor", "trinity", "victoria", "violet", "virginia", "will", "willow", "florence",
    "carolina", "sydney", "aurora", "faith", "penny", "rocky", "sunny", "till", "can", "said",
    "pat", "sue", "christian", "destiny", "dakota", "madison", "paris", "brooklyn", "savannah",
    "phoenix", "denver", "dallas", "houston", "orlando", "adelaide", "kent", "troy", "chester",
    "washington", "cleveland", "river", "storm", "king", "prince", "duke", "earl", "major",
    "sterling", "justice", "precious", "charity", "misty", "star", "diamond", "crystal", "ebony",
    "sage", "page", "lane", "grant", "wade", "drew", "guy", "harley", "wendy", "sierra", "tiffany",
    // Danish and Nordic words
    "bo", "per", "else", "ask", "dag", "sten", "tage", "kaj", "lykke", "vagn", "lone", "line",
    "liv", "sol", "alma", "bent", "maj", "juni", "frej", "rune", "sune", "gry", "elo", "lis", "ib",
    "vera", "ella", "lea", "mia", "hans", "storm", "bror", "eik", "birk", "aske",
    // Spanish words and places
    "luz", "paz", "mar", "pilar", "dolores", "mercedes", "rosario", "santiago", "salvador",
    "lourdes", "soledad", "consuelo", "amparo", "remedios", "milagros", "rosa", "franco", "cruz",
    "belen", "asuncion", "concepcion", "trinidad", "florencia", "nada", "celeste", "alba",
    "candela", "abril", "domingo", "reyes", "angeles", "encarnacion", "esperanza", "gloria",
    "socorro", "rocio", "cielo", "sol", "morena", "victoria", "perla", "clemente", "inocencio",
    "primitivo", "modesto", "placido", "fidel", "justo", "severo", "urbano", "feliz", "prudencio",
    "cesar", "patricio",
    // Arabic, Turkish and Somali words
    "amal", "nur", "nour", "iman", "salam", "sultan", "amir", "huda", "hind", "cali", "jama",
    "hawa", "emir", "deniz", "eda", "baran", "bahar", "hala", "rana", "maha", "reem", "wafa",
    "aslan", "kaan", "sahar", "ay", "alp", "tan", "ada", "ela", "ece", "nil", "su", "gul", "lale",
    "mine", "umut", "ilk", "son", "tek", "bay", "kurt", "kara", "kartal",
    // Pinyin syllables that are common words or place names in the Latin alphabet
    "bo", "li", "na", "le", "ke", "han", "hai", "fan", "lan", "lin", "ping", "ming", "yang", "hui",
    "dong", "tian", "yi", "wen", "qi", "jin", "xin", "ting", "long", "gang", "bin", "hong", "lu",
    "yu", "jun", "lei", "chao", "min", "jing", "ling", "mei", "rong", "shan", "tao", "yan", "jie",
    "hao", "jia", "kai", "ning", "peng", "qing", "xue", "zhi", "qian", "xiu", "fei", "rui", "wei",
    "fang", "xia", "hua", "jian", "qiang", "ying", "yun", "zhen", "chen", "kun", "liang", "xuan",
    "cheng", "zhong", "zhuo", "xiao", "xu", "meng", "huan", "tong", "shuang", "qiong", "yue",
    "feng", "xiang", "yong",
};
// clang-format on

// Titles and honorifics: the words after one are a name whatever the lists say ("fru
// Kjærsgaard", "Sra. Fernández", "Dr. Okonkwo"). Strong ones count in any case ("la señora
// García"); the weak ones are also common words and count only capitalised ("Miss Marple").
constexpr std::string_view kStrongTitles[] = {
    "hr",  "herr", "fru", "frk", "frøken", "mr",    "mrs",    "ms",       "mx",   "cllr",
    "dr",  "dra",  "sr",  "sra", "srta",   "señor", "señora", "señorita", "doña", "revd",
    "dña", "prof", "lic", "ing", "arq",    "cdor",  "cdora",  "mme",      "mlle", "sgt",
};
constexpr std::string_view kWeakTitles[] = {
    "miss", "sir", "dame", "don", "rev", "madame", "monsieur", "frau",
};
// Occupations and offices people put before a surname, in lower case in Danish and Spanish and
// capitalised in English: "pastor Jespersen", "overlæge Hjort", "el profe Cabello", "Nurse
// Stone", "councillor collins". They count in any case; the word after one is a name when it is
// capitalised and no ordinary word, or a known surname in lower case. Danish compounds are read
// by their last part as well ("viceskoleinspektør", "borgerrådgiver": RoleShaped).
// clang-format off
constexpr std::string_view kRoleTitles[] = {
    // Danish
    "pastor", "præst", "sognepræst", "provst", "biskop", "læge", "overlæge", "tandlæge",
    "sygeplejerske", "jordemoder", "pedel", "vicevært", "inspektør", "skoleinspektør", "rektor",
    "lektor", "adjunkt", "sagsbehandler", "formand", "næstformand", "borgmester", "rådmand",
    "advokat", "dommer", "betjent", "kommissær", "direktør", "konsulent", "pædagog", "lærer",
    "træner", "kaptajn", "oberst", "doktor", "professor", "dr",
    // English
    "nurse", "councillor", "councilor", "officer", "constable", "sergeant", "inspector",
    "detective", "coach", "reverend", "vicar", "rabbi", "imam", "judge", "captain", "capt",
    "matron", "midwife", "doctor", "headteacher", "caretaker", "chair", "chairman",
    "chairwoman", "chairperson", "treasurer",
    // Spanish
    "doctora", "profe", "profesor", "profesora", "licenciado", "licenciada", "ingeniero",
    "ingeniera", "arquitecto", "arquitecta", "contador", "contadora", "escribano", "escribana",
    "abogado", "abogada", "enfermera", "enfermero", "cura", "párroco", "monseñor", "fray", "sor",
    "maestra", "maestro", "seño", "comisario", "sargento", "jueza", "presidenta", "presidente",
    "tesorera", "tesorero", "médico", "médica", "gp",
};
// A household by its surname ("familien Hansen på nummer 12", "la familia Pérez del 4ºA", "the
// Smith family") is as personal as the name of one of its people: the words before the surname,
// and the word after it in English.
constexpr std::string_view kHouseholdWordsBefore[] = {"familien", "familie", "familia", "flia"};
constexpr std::string_view kHouseholdWordsAfter[] = {"family"};
// Family words that are also titles of clergy and nuns ("Father Owen", "Sister Mary", "el padre
// Mario"): titles only capitalised, or before a known surname that is no ordinary word.
constexpr std::string_view kFamilyTitles[] = {
    "father", "sister", "padre", "hermana", "madre", "fader", "søster",
};
// clang-format on

// Words after which the next words are someone's name, known or not: sign-offs ("Mvh.", "Kind
// regards,", "Atte."), field labels ("Navn:", "Respondent:", "Nombre y apellido:"), the people
// in one's life ("min nabo", "my son", "mi vecina") and ways of saying what someone is called
// ("jeg hedder", "my name is", "me llamo", "soy"). After one, a name may be written in any case
// and its words may be unknown or ordinary words ("Mi hijo Mercedes Castillo", "hilsen faduma
// abdi").
// clang-format off
constexpr std::string_view kPersonCues[] = {
    // Danish
    "hedder", "hed", "hedde", "efternavn", "fornavn", "navn", "hilsen", "hilsner", "mvh", "vh",
    "kh", "underskrevet", "afsender", "nabo", "naboen", "søn", "datter", "mor", "far", "mormor",
    "farmor", "morfar", "farfar", "kone", "hustru", "kæreste", "veninde", "kollega", "bror",
    "søster", "onkel", "tante", "barnebarn", "svigermor", "svigerfar", "kontaktperson",
    "pedellen", "lægen", "kære", "sagsbehandleren", "formanden", "buschaufføren", "chaufføren",
    "svigerinde", "svoger", "fætter", "kusine", "nevø", "niece", "udlejer", "lejer", "underbo",
    "genbo", "overbo", "hej", "hejsa", "goddag", "samlever", "ven", "vennen",
    // English
    "named", "surname", "name", "regards", "cheers", "signed", "sincerely", "wishes",
    "respondent", "i'm", "neighbour", "neighbor", "son", "daughter", "mum", "mom", "dad", "mother",
    "wife", "husband", "partner", "boyfriend", "girlfriend", "colleague", "brother", "uncle",
    "aunt", "auntie", "grandson", "granddaughter", "grandmother", "grandfather", "grandma",
    "grandad", "grandpa", "granny", "nan", "dear", "caseworker", "carer", "contact", "nephew",
    "cousin", "mother-in-law", "father-in-law", "sister-in-law", "brother-in-law", "stepson",
    "stepdaughter", "stepmother", "stepfather", "landlord", "landlady", "tenant", "lodger",
    "flatmate", "roommate", "friend", "hi", "hello", "hey",
    // Spanish
    "llamo", "llama", "llamaba", "llamado", "llamada", "apellido", "nombre", "att", "atte",
    "atentamente", "saludos", "cordialmente", "firmado", "firma", "encuestado", "encuestada",
    "soy", "hijo", "hija", "mamá", "papá", "vecino", "vecina", "esposo", "esposa", "marido",
    "novio", "novia", "amiga", "amigo", "pareja", "hermano", "tío", "tía", "abuelo", "abuela", "nieto", "nieta",
    "compañero", "compañera", "referente", "querido", "querida", "estimado", "estimada",
    "suegra", "suegro", "cuñada", "cuñado", "sobrino", "sobrina", "prima", "primo", "contacto",
    "inquilino", "inquilina", "dueño", "dueña", "encargado", "encargada", "portero", "portera",
    "hola",
};
// The cues above that say what someone is called, or sign a letter or form: after one, a single
// word no list has is a name ("me llamo yeison", "Navn: Gunnlaug", "firmado, Xiomara").
constexpr std::string_view kNamingWords[] = {
    "hedder", "hed", "hedde", "efternavn", "fornavn", "navn", "underskrevet", "afsender",
    "named", "surname", "name", "signed", "i'm", "llamo", "llama", "llamaba", "llamado",
    "llamada", "apellido", "nombre", "firmado", "firma", "soy", "kontaktperson", "respondent",
    "encuestado", "encuestada", "referente",
};
// The cues above that greet the reader: a single name after one ends the greeting ("Hej
// Mette,", "Hi Tom!", "Hola Maru, ..."); a word that goes on starts the message ("Hello, Ivy
// covers the walls", "Hej hej Støjen ligger ...").
constexpr std::string_view kGreetings[] = {
    "hej", "hejsa", "goddag", "kære", "hi", "hello", "hey", "dear", "hola", "querido", "querida",
    "estimado", "estimada",
};
// Verbs that take a person, directly ("Spørg Quang Vu", "Call Kavita Nair") or after a preposition
// ("jeg talte med", "helped by", "hablé con"), and those prepositions: a weaker cue than the words
// above, enough for a name in lower case or of a given name and a surname that are both words.
constexpr std::string_view kPersonVerbs[] = {
    // Danish
    "talte", "snakkede", "gift", "aftalt", "aftalte", "sammen", "hjulpet", "besvaret", "udfyldt",
    "indsendt", "skrevet", "ledet", "ringede", "skriv", "ring", "spørg", "kontakt", "tak",
    "vegne", "mødte", "snakket", "talt", "mødt",
    // English
    "spoke", "talked", "talking", "speaking", "married", "arranged", "live", "lives", "met",
    "helped", "completed", "submitted", "answered", "written", "chaired", "write", "thanks",
    "filled", "signed", "sent", "reported", "raised",
    "thank", "behalf", "told", "call", "ask", "contact", "it's",
    // Spanish
    "hablé", "hablar", "hablamos", "casada", "casado", "quedé", "vivo", "vive", "escribile",
    "escribí", "preguntale", "contactar", "llamar", "llamá", "presentado", "presentada",
    "completado", "respondido", "enviado", "escrito", "coordinó", "gracias",
};
constexpr std::string_view kPersonPrepositions[] = {
    "med", "af", "til", "to", "with", "by", "con", "a", "por", "de", "of", "from", "fra",
};
// Verbs that say that the words before them are a person's: "Tuan Dang skrev:", "Ama Mensah
// wrote", "Hyun-woo Kim escribió".
constexpr std::string_view kSpeechVerbs[] = {
    "skrev", "skriver", "siger", "sagde", "spørger", "wrote", "writes", "says", "said", "asks",
    "asked", "escribió", "escribe", "dice", "dijo", "pregunta", "preguntó", "comenta", "comentó",
};
// Labels of letters and forms, a name after them and a colon: "Fra: Mette Hansen", "De: ...".
constexpr std::string_view kLabels[] = {
    "from", "fra", "de", "to", "til", "para", "attn", "att", "cc", "modtager", "sender",
    "recipient", "remitente", "destinatario", "by", "af", "por", "person",
};
// Words that join two people's names: "Ama Mensah og Esben Larsen", "Marín y Milagros Blanco".
constexpr std::string_view kConjunctions[] = {"og", "and", "y", "e", "or", "o", "eller", "u"};
// clang-format on

// Words that end a street, place or organisation named after a person: "Jens Baggesens Vej",
// "H.C. Andersens Boulevard", "Niels Bohr Institutet", "Ellen MacArthur Foundation".
// clang-format off
constexpr std::string_view kAfterWords[] = {
    // Danish
    "vej", "vejen", "gade", "gaden", "allé", "alle", "boulevard", "plads", "pladsen", "torv",
    "torvet", "stræde", "vænge", "have", "haven", "park", "parken", "bro", "broen", "kanal",
    "brygge", "kaj", "kajen", "sti", "stien", "passage", "skole", "skolen", "gymnasium",
    "gymnasiet", "kirke", "kirken", "kollegium", "kollegiet", "hospital", "hospitalet",
    "institut", "instituttet", "institutet", "fond", "fonden", "center", "centret", "centeret",
    "hus", "huset", "museum", "museet", "teater", "teatret", "bibliotek", "biblioteket",
    "station", "stationen", "lufthavn", "prisen", "medaljen", "byen", "kvarter", "kvarteret",
    "hal", "hallen", "arena", "stadion", "værk", "værket", "anlæg", "anlægget", "kvarteret",
    "tegnestue", "arkitekter", "bøfhus", "selskab", "selskabet", "fabrik", "fabrikken",
    "slot", "slottet", "palæ", "palads", "akademi", "akademiet", "stiftelse", "stiftelsen",
    // English
    "street", "st", "road", "rd", "avenue", "ave", "lane", "drive", "way", "place", "square",
    "court", "crescent", "close", "terrace", "gardens", "garden", "bridge", "airport", "school",
    "college", "university", "institute", "foundation", "fund", "trust", "centre", "gallery",
    "library", "theatre", "theater", "stadium", "prize", "award", "awards", "medal", "lecture",
    "memorial", "lab", "labs", "laboratory", "building", "tower", "bay", "island", "river",
    "lake", "beach", "inc", "ltd", "llc", "co", "company", "group", "design", "architects",
    "consulting", "solutions", "studio", "studios", "partners", "associates", "festival", "cup",
    "show", "hotel", "hostel", "mall", "market", "station", "estate", "house", "hall", "day",
    "program", "programme", "project", "initiative", "network", "line", "planetarium",
    "palace", "castle", "cemetery", "council", "museum", "cathedral", "survey", "agency",
    "authority", "commission", "association", "federation", "society", "partnership",
    "services", "service", "alliance", "coalition", "trust", "housing", "transport", "water",
    "energy", "ombudsman", "tribunal", "office", "bank", "hospital", "clinic",
    "surgery", "pharmacy", "church", "mosque", "synagogue", "temple", "chapel", "academy",
    // Danish and Spanish institutions
    "forening", "foreningen", "styrelse", "styrelsen", "direktorat", "direktoratet", "tilsyn",
    "tilsynet", "råd", "rådet", "udvalg", "udvalget", "forbund", "forbundet", "banken",
    "sekretariat", "sekretariatet", "forvaltning", "forvaltningen", "kommune", "kommunen",
    "region", "regionen", "asociación", "federación", "sociedad", "cooperativa", "agencia",
    "secretaría", "ministerio", "dirección", "comisión", "consejo", "defensoría", "banco",
    "compañía", "iglesia", "parroquia", "mezquita", "sinagoga",
    // Spanish
    "fundación", "instituto", "escuela", "colegio", "hospital", "sanatorio", "clínica", "museo",
    "teatro", "estadio", "club", "centro", "biblioteca", "parque", "plaza", "calle", "avenida",
    "estación", "puente", "shopping", "mercado", "barrio", "partido", "s.a", "srl", "palacio",
    "cementerio", "catedral",
};
// Words that start a street, place or organisation named after a person, or a saint's name:
// "Calle Juan B. Justo", "Avenida San Martín", "Sankt Hans Torv", "San Fernando".
constexpr std::string_view kBeforeWords[] = {
    "calle", "avenida", "av", "avda", "plaza", "pje", "pasaje", "paseo", "bulevar", "boulevard",
    "diagonal", "ruta", "autopista", "camino", "puente", "estación", "hospital", "sanatorio",
    "clínica", "colegio", "escuela", "instituto", "universidad", "facultad", "parque", "club",
    "teatro", "museo", "barrio", "villa", "puerto", "partido", "localidad", "provincia", "san",
    "santa", "santo", "sankt", "skt", "st", "saint", "sainte", "fundación", "biblioteca",
    "centro", "aeroparque", "aeropuerto", "estadio", "mount", "mt", "lake", "fort", "port",
    "cape", "cabo", "monte", "cerro", "río", "lago", "laguna", "arroyo",
    "presidente", "general", "coronel", "almirante", "gobernador", "virrey", "kong", "dronning",
    "prins", "prinsesse", "kronprins", "kronprinsesse", "queen", "prince", "princess", "lord",
    "lady", "hotel", "restaurante", "restaurant", "café", "bar", "edificio", "torre", "complejo",
    "colectivo", "línea", "linea", "tren", "ferrocarril", "gymnasium", "skole", "vej", "sant",
    "sao", "são", "reina", "rey", "república", "reino", "principado", "kongerige", "kongeriget",
    "republikken", "fyrstendømmet", "kingdom", "republic", "principality", "estado",
    "departamento", "municipio", "ciudad", "pueblo", "valle", "bahía", "golfo", "cordillera",
    // Danish street names begin with where they lie: "Nordre Fasanvej", "Vester Voldgade"
    "nordre", "søndre", "østre", "vestre", "nørre", "sønder", "øster", "vester", "gammel",
    "gamle", "indre", "ydre", "øvre", "nedre", "islas",
    // Catalan streets in Barcelona: "Carrer de Pau Claris", "Passeig de Lluís Companys"
    "carrer", "passeig", "avinguda", "plaça", "rambla", "travessera", "ronda",
    // Royal foundations and hospitals: "Royal Marsden", "Royal Brompton"
    "royal",
};
// clang-format on

// Lower-case words that join the parts of a name: "Juan de la Cruz", "Ludwig van Beethoven".
constexpr std::string_view kParticles[] = {
    "de", "del", "la", "las", "los", "van", "von", "der", "den", "af", "da",   "dos", "das",
    "di", "du",  "le", "bin", "ibn", "al",  "el",  "ter", "ten", "zu", "bint", "abu", "ould"};

// Months and weekdays in Danish, English and Spanish ("Maj 2024", "Marzo de 2023").
constexpr std::string_view kMonthsAndDays[] = {
    "januar",    "februar",   "marts",     "april",     "maj",      "juni",    "juli",
    "august",    "september", "oktober",   "november",  "december", "mandag",  "tirsdag",
    "onsdag",    "torsdag",   "fredag",    "lørdag",    "søndag",   "january", "february",
    "march",     "may",       "june",      "july",      "october",  "monday",  "tuesday",
    "wednesday", "thursday",  "friday",    "saturday",  "sunday",   "enero",   "febrero",
    "marzo",     "abril",     "mayo",      "junio",     "julio",    "agosto",  "septiembre",
    "setiembre", "octubre",   "noviembre", "diciembre", "lunes",    "martes",  "miércoles",
    "jueves",    "viernes",   "sábado",    "domingo",   "feb",      "mar",     "apr",
    "jun",       "jul",       "aug",       "sep",       "sept",     "okt",     "oct",
    "nov",       "dec",       "dic",       "ene",       "abr",      "ago",
};

// Valid pinyin syllables, to read Chinese given names the lists do not have ("Zhang Zihan").
// clang-format off
constexpr std::string_view kPinyin[] = {
    "a", "ai", "an", "ang", "ao", "ba", "bai", "ban", "bang", "bao", "bei", "ben", "beng", "bi",
    "bian", "biao", "bie", "bin", "bing", "bo", "bu", "ca", "cai", "can", "cang", "cao", "ce",
    "cen", "ceng", "cha", "chai", "chan", "chang", "chao", "che", "chen", "cheng", "chi", "chong",
    "chou", "chu", "chua", "chuai", "chuan", "chuang", "chui", "chun", "chuo", "ci", "cong", "cou",
    "cu", "cuan", "cui", "cun", "cuo", "da", "dai", "dan", "dang", "dao", "de", "dei", "den",
    "deng", "di", "dian", "diao", "die", "ding", "diu", "dong", "dou", "du", "duan", "dui", "dun",
    "duo", "e", "ei", "en", "eng", "er", "fa", "fan", "fang", "fei", "fen", "feng", "fo", "fou",
    "fu", "ga", "gai", "gan", "gang", "gao", "ge", "gei", "gen", "geng", "gong", "gou", "gu",
    "gua", "guai", "guan", "guang", "gui", "gun", "guo", "ha", "hai", "han", "hang", "hao", "he",
    "hei", "hen", "heng", "hong", "hou", "hu", "hua", "huai", "huan", "huang", "hui", "hun", "huo",
    "ji", "jia", "jian", "jiang", "jiao", "jie", "jin", "jing", "jiong", "jiu", "ju", "juan",
    "jue", "jun", "ka", "kai", "kan", "kang", "kao", "ke", "kei", "ken", "keng", "kong", "kou",
    "ku", "kua", "kuai", "kuan", "kuang", "kui", "kun", "kuo", "la", "lai", "lan", "lang", "lao",
    "le", "lei", "leng", "li", "lia", "lian", "liang", "liao", "lie", "lin", "ling", "liu", "long",
    "lou", "lu", "luan", "lun", "luo", "lv", "lve", "lyu", "lyue", "ma", "mai", "man", "mang", "mao", "me",
    "mei", "men", "meng", "mi", "mian", "miao", "mie", "min", "ming", "miu", "mo", "mou", "mu",
    "na", "nai", "nan", "nang", "nao", "ne", "nei", "nen", "neng", "ni", "nian", "niang", "niao",
    "nie", "nin", "ning", "niu", "nong", "nou", "nu", "nuan", "nuo", "nv", "nve", "nyu", "nyue", "o", "ou", "pa",
    "pai", "pan", "pang", "pao", "pei", "pen", "peng", "pi", "pian", "piao", "pie", "pin", "ping",
    "po", "pou", "pu", "qi", "qia", "qian", "qiang", "qiao", "qie", "qin", "qing", "qiong", "qiu",
    "qu", "quan", "que", "qun", "ran", "rang", "rao", "re", "ren", "reng", "ri", "rong", "rou",
    "ru", "ruan", "rui", "run", "ruo", "sa", "sai", "san", "sang", "sao", "se", "sen", "seng",
    "sha", "shai", "shan", "shang", "shao", "she", "shei", "shen", "sheng", "shi", "shou", "shu",
    "shua", "shuai", "shuan", "shuang", "shui", "shun", "shuo", "si", "song", "sou", "su", "suan",
    "sui", "sun", "suo", "ta", "tai", "tan", "tang", "tao", "te", "teng", "ti", "tian", "tiao",
    "tie", "ting", "tong", "tou", "tu", "tuan", "tui", "tun", "tuo", "wa", "wai", "wan", "wang",
    "wei", "wen", "weng", "wo", "wu", "xi", "xia", "xian", "xiang", "xiao", "xie", "xin", "xing",
    "xiong", "xiu", "xu", "xuan", "xue", "xun", "ya", "yan", "yang", "yao", "ye", "yi", "yin",
    "ying", "yo", "yong", "you", "yu", "yuan", "yue", "yun", "za", "zai", "zan", "zang", "zao",
    "ze", "zei", "zen", "zeng", "zha", "zhai", "zhan", "zhang", "zhao", "zhe", "zhei", "zhen",
    "zheng", "zhi", "zhong", "zhou", "zhu", "zhua", "zhuai", "zhuan", "zhuang", "zhui", "zhun",
    "zhuo", "zi", "zong", "zou", "zu", "zuan", "zui", "zun", "zuo",
};
// clang-format on
static_assert(std::is_sorted(std::begin(kPinyin), std::end(kPinyin)));

// ---------------------------------------------------------------------------------------------
// Folding: lower case, no accents, Danish letters spelled out, so that "Søren", "SØREN" and
// "Soren" meet, as do "Fernández" and "Fernandez", "Kirkegård" and "Kirkegaard".

// U+00C0..U+017F, lower-cased and without accents (latin_fold.inc).
constexpr std::string_view kLatinFold[] = {
#include "node/privacy/latin_fold.inc"
};
static_assert(std::size(kLatinFold) == 0x180 - 0xC0);

constexpr std::size_t kMaxFolded = 64;

// A folded word in a fixed buffer: folding a word allocates nothing.
struct Folded {
  std::array<char, kMaxFolded> buf;
  std::size_t len = 0;
  bool ok = true;  // false when the word is longer than the buffer

  std::string_view view() const { return {buf.data(), len}; }
  void Append(std::string_view s) {
    if (len + s.size() > buf.size()) {
      ok = false;
      return;
    }
    std::copy(s.begin(), s.end(), buf.begin() + static_cast<std::ptrdiff_t>(len));
    len += s.size();
  }
  void Append(char c) {
    if (len < buf.size()) {
      buf[len++] = c;
    } else {
      ok = false;
    }
  }
};

// Folds `word` into `out` (appending). `spelled` writes ø, ö as "oe", ü as "ue", ä as "ae" and
// å as "a": the second spelling a list name is stored under, for "Soeren", "Mueller", "Asa".
void FoldInto(std::string_view word, Folded& out, bool spelled = false) {
  for (std::size_t i = 0; i < word.size() && out.ok;) {
    // Most words are ASCII: lower-cased byte by byte, without decoding.
    if (static_cast<unsigned char>(word[i]) < 0x80) {
      out.Append(LowerAscii(word[i]));
      ++i;
      continue;
    }
    std::size_t len;
    const int32_t cp = DecodeAt(word, i, &len);
    i += len;
    if (cp < 0) continue;
    if (cp == 0x2019) {  // the typographic apostrophe: O’Brien
      out.Append('\'');
      continue;
    }
    if (spelled) {
      switch (cp) {
        case 0xD8:
        case 0xF8:
        case 0xD6:
        case 0xF6:  // Ø ø Ö ö
          out.Append("oe");
          continue;
        case 0xDC:
        case 0xFC:  // Ü ü
          out.Append("ue");
          continue;
        case 0xC4:
        case 0xE4:  // Ä ä
          out.Append("ae");
          continue;
        case 0xC5:
        case 0xE5:  // Å å
          out.Append('a');
          continue;
        default:
          break;
      }
    }
    if (cp >= 0xC0 && cp < 0x180) {
      out.Append(kLatinFold[cp - 0xC0]);
    } else if (cp >= 0x1EA0 && cp <= 0x1EF9) {  // Vietnamese: Nguyễn, Phạm, Đặng, Hồ
      out.Append(cp < 0x1EB8   ? 'a'
                 : cp < 0x1EC8 ? 'e'
                 : cp < 0x1ECC ? 'i'
                 : cp < 0x1EE4 ? 'o'
                 : cp < 0x1EF2 ? 'u'
                               : 'y');
    } else if (cp == 0x1A0 || cp == 0x1A1 || cp == 0x1AF || cp == 0x1B0) {  // Ơ ơ Ư ư
      out.Append(cp < 0x1AF ? 'o' : 'u');
    } else if (cp >= 0x218 && cp <= 0x21B) {  // Ș ș Ț ț
      out.Append(cp < 0x21A ? 's' : 't');
    } else {
      char utf8[4];
      std::size_t n = 0;
      const int32_t lower = u_tolower(cp);
      if (lower < 0x800) {
        utf8[n++] = static_cast<char>(0xC0 | (lower >> 6));
        utf8[n++] = static_cast<char>(0x80 | (lower & 0x3F));
      } else if (lower < 0x10000) {
        utf8[n++] = static_cast<char>(0xE0 | (lower >> 12));
        utf8[n++] = static_cast<char>(0x80 | ((lower >> 6) & 0x3F));
        utf8[n++] = static_cast<char>(0x80 | (lower & 0x3F));
      } else {
        utf8[n++] = static_cast<char>(0xF0 | (lower >> 18));
        utf8[n++] = static_cast<char>(0x80 | ((lower >> 12) & 0x3F));
        utf8[n++] = static_cast<char>(0x80 | ((lower >> 6) & 0x3F));
        utf8[n++] = static_cast<char>(0x80 | (lower & 0x3F));
      }
      out.Append(std::string_view(utf8, n));
    }
  }
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.back() == suffix.back() &&
         std::equal(suffix.begin(), suffix.end(),
                    s.end() - static_cast<std::ptrdiff_t>(suffix.size()));
}
bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

// The last bytes of `words`, as a set: a word whose last byte is none of them ends with none of
// the words, and the suffix checks below pass over most words so.
template <std::size_t N>
constexpr std::array<bool, 256> LastBytes(const std::string_view (&words)[N]) {
  std::array<bool, 256> set{};
  for (std::string_view w : words) set[static_cast<unsigned char>(w.back())] = true;
  return set;
}

// Fingerprints of the ordinary words of English, Spanish and Danish: the FNV-1a hashes of the
// folded lower-case entries of Debian's wordlists, sorted (make_dictionary_words.py).
constexpr uint32_t kDictionaryWords[] = {
#include "dictionary_words.inc"
};

uint32_t Fnv1a32(std::string_view s) {
  uint32_t h = 2166136261u;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 16777619u;
  }
  return h;
}

// The fingerprints indexed by their top 16 bits, so that a look-up reads the index and a few
// neighbouring fingerprints rather than binary-searching 440,000 (a cache miss a step).
class DictionaryIndex {
 public:
  DictionaryIndex() : starts_(kBuckets + 1) {
    std::size_t k = 0;
    for (uint32_t b = 0; b <= kBuckets; ++b) {
      while (k < std::size(kDictionaryWords) && (kDictionaryWords[k] >> 16) < b) ++k;
      starts_[b] = static_cast<uint32_t>(k);
    }
  }
  // Whether a folded word is an ordinary word of one of the three languages.
  bool Contains(std::string_view folded) const {
    if (folded.size() < 3) return false;  // the wordlists' words of one or two letters are left out
    const uint32_t h = Fnv1a32(folded);
    const uint32_t b = h >> 16;
    for (uint32_t k = starts_[b]; k < starts_[b + 1]; ++k) {
      if (kDictionaryWords[k] == h) return true;
    }
    return false;
  }

 private:
  static constexpr uint32_t kBuckets = 1u << 16;
  std::vector<uint32_t> starts_;
};

// Whether an unknown word ends as nouns do, in the definite or plural or as abstract nouns:
// capitalised, such a word starts a sentence or a title rather than a name.
bool NounShaped(std::string_view folded) {
  static constexpr std::string_view kEndings[] = {
      "eren", "erne",   "ernes", "ene",  "ingen", "ninger", "heden", "elsen", "ionen",
      "tion", "sion",   "ment",  "ness", "ing",   "ings",   "cion",  "dad",   "ismo",
      "else", "isk",    "iske",  "ies",  "ions",  "ments",  "ities", "ances", "ences",
      "ista", "miento", "mente", "rige", "met",   "det",    "tet",   "et",
  };
  if (folded.size() < 5) return false;
  // A long word in the Danish definite: "Cykelsuperstien", "Albertslundruten".
  if (folded.size() >= 11 && EndsWith(folded, "en") && !EndsWith(folded, "sen")) return true;
  static constexpr std::array<bool, 256> kLast = LastBytes(kEndings);
  if (!kLast[static_cast<unsigned char>(folded.back())]) return false;
  for (std::string_view e : kEndings) {
    if (folded.size() >= e.size() + 2 && EndsWith(folded, e)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// The lexicon: every folded word the detector knows, with what it knows about it, in one
// open-addressing table over one arena of text (looked up with a string_view, no allocation).

enum LexFlags : uint32_t {
  kGiven = 1u << 0,
  kSurname = 1u << 1,
  kAmbiguousGiven = 1u << 2,    // a given name that is also a word, month or place
  kAmbiguousSurname = 1u << 3,  // a surname that is also a common word ("Green", "Blanco")
  kCommon = 1u << 4,            // among the 6,000 most frequent words of da, en or es
  kVeryCommon = 1u << 5,        // among the 1,000 most frequent
  kPlace = 1u << 6,
  kPlacePhrase = 1u << 7,  // a place of several words that reads like a name ("jose c paz")
  kStrongTitle = 1u << 8,
  kWeakTitle = 1u << 9,
  kAfterWord = 1u << 10,   // ends a street or organisation named after a person
  kBeforeWord = 1u << 11,  // starts one, or a saint's name
  kParticle = 1u << 12,
  kChineseSurname = 1u << 13,
  kMonthOrDay = 1u << 14,
  kPersonCue = 1u << 15,  // a name follows: "hilsen", "my son", "me llamo"
  kTopWord = 1u << 16,    // among the 250 most frequent words: "said", "long", "can"
  kRoleTitle = 1u << 17,
  kFamilyTitle = 1u << 18,
  kPersonVerb = 1u << 19,
  kPersonPreposition = 1u << 22,
  kSpeechVerb = 1u << 23,
  kConjunction = 1u << 24,
  kCopula = 1u << 25,    // "is", "er", "es": "my name is ...", "min kontaktperson er ..."
  kLabel = 1u << 26,     // "Fra:", "From:", "De:"
  kNaming = 1u << 28,    // says what someone is called: "hedder", "me llamo", "Name:", "soy"
  kGreeting = 1u << 29,  // opens a message to someone: "Hej", "Dear", "Hola"
  kHouseholdBefore = 1u << 30,  // a household's surname follows: "familien", "la familia"
  kHouseholdAfter = 1u << 31,   // one comes before: "the Smith family"
  // Derived per token, never stored in the lexicon.
  kSurnameShape = 1u << 20,  // unknown, but shaped like a surname ("Kjærsgaard", "Okonkwo" not)
  kNounShape = 1u << 21,     // unknown, but shaped like a noun ("Borgeren", "Henvendelsen")
  kDictionary = 1u << 27,    // in no list, but a word of the wordlists ("vector", "survey"),
                             // and then kCommon too
};

class Lexicon {
 public:
  void Add(std::string_view folded, uint32_t flags) {
    if (folded.empty()) return;
    if (uint32_t* f = Find(folded)) {
      *f |= flags;
      return;
    }
    entries_.push_back({static_cast<uint32_t>(arena_.size()), static_cast<uint32_t>(folded.size()),
                        flags, static_cast<uint32_t>(Hash(folded) >> 32)});
    arena_.append(folded);
    if (entries_.size() * 2 > slots_.size()) Rehash();
    Insert(static_cast<uint32_t>(entries_.size() - 1));
  }
  // Adds the word as people write it, folded both ways.
  void AddWord(std::string_view word, uint32_t flags) {
    Folded f, g;
    FoldInto(word, f);
    FoldInto(word, g, /*spelled=*/true);
    if (f.ok) Add(f.view(), flags);
    if (g.ok && g.view() != f.view()) Add(g.view(), flags);
  }
  uint32_t FlagsOf(std::string_view folded) const {
    if (slots_.empty()) return 0;
    const std::size_t mask = slots_.size() - 1;
    const std::size_t h = Hash(folded);
    const auto check = static_cast<uint32_t>(h >> 32);
    for (std::size_t s = h & mask;; s = (s + 1) & mask) {
      const uint32_t e = slots_[s];
      if (e == kEmpty) return 0;
      const Entry& entry = entries_[e];
      if (entry.check == check && entry.length == folded.size() &&
          std::equal(folded.begin(), folded.end(), arena_.begin() + entry.offset)) {
        return entry.flags;
      }
    }
  }
  // Whether the folded word is a word of the wordlists.
  bool IsWord(std::string_view folded) const { return dictionary_.Contains(folded); }
  // Calls fn(flags&) for every entry, to derive flags from others.
  template <typename Fn>
  void ForEach(Fn fn) {
    for (Entry& e : entries_) fn(e.flags);
  }

 private:
  static constexpr uint32_t kEmpty = UINT32_MAX;
  struct Entry {
    uint32_t offset;
    uint32_t length;
    uint32_t flags;
    uint32_t check;  // the hash's high bits: most mismatches cost no comparison of text
  };
  static std::size_t Hash(std::string_view s) {
    uint64_t h = 1469598103934665603ull;  // FNV-1a
    for (char c : s) {
      h ^= static_cast<unsigned char>(c);
      h *= 1099511628211ull;
    }
    return static_cast<std::size_t>(h ^ (h >> 29));
  }
  uint32_t* Find(std::string_view folded) {
    if (slots_.empty()) return nullptr;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t s = Hash(folded) & mask;; s = (s + 1) & mask) {
      const uint32_t e = slots_[s];
      if (e == kEmpty) return nullptr;
      Entry& entry = entries_[e];
      if (std::string_view(arena_).substr(entry.offset, entry.length) == folded) {
        return &entry.flags;
      }
    }
  }
  void Insert(uint32_t e) {
    const std::size_t mask = slots_.size() - 1;
    const Entry& entry = entries_[e];
    std::size_t s = Hash(std::string_view(arena_).substr(entry.offset, entry.length)) & mask;
    while (slots_[s] != kEmpty) s = (s + 1) & mask;
    slots_[s] = e;
  }
  void Rehash() {
    slots_.assign(std::max<std::size_t>(1024, slots_.size() * 2), kEmpty);
    for (uint32_t e = 0; e < entries_.size(); ++e) Insert(e);
  }

  std::string arena_;
  std::vector<Entry> entries_;
  std::vector<uint32_t> slots_;
  DictionaryIndex dictionary_;
};

// ---------------------------------------------------------------------------------------------
// Tokens.

enum class Shape : uint8_t {
  kLower,    // starts with a lower-case letter
  kCapital,  // starts with a capital ("Jens", "McDonald", "al-Sayed")
  kUpper,    // two or more letters, all capitals ("JENS")
  kInitial,  // one capital letter ("H" of "H.C.", "K" of "Mette K. Holm")
  kOther,    // touching digits, a roman numeral, or a letter of no case
};

enum class Gap : uint8_t {
  kStart,  // nothing before the token
  kSpace,  // one to three spaces
  kDot,    // a full stop, perhaps then spaces ("H.C.", "Dr. Jensen", "J. Jensen")
  kComma,  // a comma, perhaps then spaces
  kColon,  // a colon, perhaps then spaces ("Navn: Mette Hansen", "Tuan Dang: ...")
  kOther,  // anything else: a line break, a bracket, a slash, other punctuation
};

struct Token {
  std::size_t begin = 0;
  std::size_t end = 0;
  uint32_t flags = 0;
  Shape shape = Shape::kOther;
  Gap gap = Gap::kStart;    // between the previous token and this one
  bool genitive = false;    // ends in s: "Baggesens", "Andersens"
  bool possessive = false;  // a name's genitive s was left outside it: "Hansen" of "Hansens"
};

bool IsRomanNumeral(std::string_view w) {
  static constexpr std::string_view kRoman[] = {"II", "III", "IV",   "VI",  "VII", "VIII",
                                                "IX", "XII", "XIII", "XIV", "XV",  "XVI"};
  return std::find(std::begin(kRoman), std::end(kRoman), w) != std::end(kRoman);
}

Gap ClassifyGap(std::string_view gap) {
  if (gap.empty()) return Gap::kOther;  // words run together through a hyphen or apostrophe
  std::size_t i = 0;
  Gap kind = Gap::kSpace;
  if (gap[0] == '.') {
    kind = Gap::kDot;
    i = 1;
  } else if (gap[0] == ',') {
    kind = Gap::kComma;
    i = 1;
  } else if (gap[0] == ':') {
    kind = Gap::kColon;
    i = 1;
  }
  // Spaces, and no-break spaces (U+00A0) as text pasted from documents has them.
  std::size_t spaces = 0;
  while (i < gap.size()) {
    if (gap[i] == ' ') {
      ++i;
    } else if (gap.substr(i, 2) == "\u00a0") {
      i += 2;
    } else {
      return Gap::kOther;
    }
    ++spaces;
  }
  if (spaces > 3 || (kind == Gap::kSpace && spaces == 0)) return Gap::kOther;
  return kind;
}

// Whether a pinyin word of one to three syllables: "Wei", "Xiuying", "Zihan", "Xiu-ying".
int PinyinSyllables(std::string_view folded) {
  // Longest syllables first, with backtracking over at most three syllables.
  if (folded.empty() || folded.size() > 18) return 0;
  auto is_syllable = [](std::string_view s) {
    return std::binary_search(std::begin(kPinyin), std::end(kPinyin), s);
  };
  for (std::size_t a = std::min<std::size_t>(6, folded.size()); a >= 1; --a) {
    std::string_view first = folded.substr(0, a);
    if (!is_syllable(first)) continue;
    std::string_view rest = folded.substr(a);
    if (!rest.empty() && (rest[0] == '-' || rest[0] == '\'')) rest.remove_prefix(1);
    if (rest.empty()) return 1;
    for (std::size_t b = std::min<std::size_t>(6, rest.size()); b >= 1; --b) {
      std::string_view second = rest.substr(0, b);
      if (!is_syllable(second)) continue;
      if (b == rest.size()) return 2;
      std::string_view third = rest.substr(b);
      if (!third.empty() && (third[0] == '-' || third[0] == '\'')) third.remove_prefix(1);
      if (is_syllable(third)) return 3;
    }
  }
  return 0;
}

// Romanised Korean syllables as given names use them, in the Revised Romanization and the older
// spellings common abroad ("Ji-ho", "Seo-yeon", "Hyun-woo", "Soo-jin").
// clang-format off
constexpr std::string_view kKoreanSyllables[] = {
    "ae", "ah", "an", "bae", "baek", "beom", "bi", "bin", "bo", "bok", "bong", "bum", "byeong",
    "byung", "chae", "chan", "chang", "cheol", "cheon", "chul", "chun", "chung", "da", "dae", "dam",
    "do", "dong", "du", "eon", "eul", "eun", "ga", "gang", "geon", "geun", "gi", "gil", "gu", "guk",
    "gun", "gwang", "gyeong", "gyu", "ha", "hae", "hak", "han", "hee", "heon", "ho", "hong", "hoon",
    "hui", "hun", "hwa", "hwan", "hwi", "hye", "hyeok", "hyeon", "hyo", "hyuk", "hyun", "hyung",
    "il", "in", "ja", "jae", "jang", "je", "jeong", "ji", "jin", "jo", "jong", "joo", "joon", "ju",
    "jun", "jung", "kang", "ki", "kook", "kwan", "kwang", "kyeong", "kyu", "kyung", "mi", "min",
    "mo", "mok", "moon", "mu", "myeong", "myung", "na", "nam", "ra", "ram", "ran", "rang", "ri",
    "rim", "rin", "ro", "rok", "ryeong", "ryung", "sa", "sae", "sang", "se", "seo", "seok", "seon",
    "seong", "seul", "seung", "shik", "shin", "si", "sik", "so", "sol", "song", "soo", "sook", "su", "suk",
    "sun", "sung", "tae", "uk", "ung", "won", "woo", "wook", "woong", "ya", "yang", "ye",
    "yeo", "yeol", "yeon", "yeong", "yi", "yo", "yong", "yoo", "yoon", "young", "yu", "yul", "yun",
};
// clang-format on
static_assert(std::is_sorted(std::begin(kKoreanSyllables), std::end(kKoreanSyllables)));

// Whether a hyphenated word is a Korean or Chinese given name of two syllables: "Ji-ho",
// "Seo-yeon", "Xiu-ying", "zhi-yu". A syllable said twice is a word ("yo-yo", "so-so").
bool SyllableGivenName(std::string_view folded) {
  const std::size_t dash = folded.find('-');
  if (dash == std::string_view::npos || dash == 0 || dash + 1 >= folded.size()) return false;
  const std::string_view a = folded.substr(0, dash);
  const std::string_view b = folded.substr(dash + 1);
  if (a == b || b.find('-') != std::string_view::npos) return false;
  auto syllable = [](std::string_view s) {
    return std::binary_search(std::begin(kKoreanSyllables), std::end(kKoreanSyllables), s) ||
           std::binary_search(std::begin(kPinyin), std::end(kPinyin), s);
  };
  return syllable(a) && syllable(b);
}

// Danish occupations are compounds, read by their last part: "viceskoleinspektør",
// "borgerrådgiver", "sundhedsplejerske", "politibetjent" (folded).
bool RoleShaped(std::string_view folded) {
  static constexpr std::string_view kSuffixes[] = {
      "laege",    "plejerske", "inspektor", "raadgiver", "praest",  "behandler", "laerer",
      "paedagog", "direktor",  "konsulent", "betjent",   "formand", "mester",    "assistent",
      "chef",     "sekretaer", "hjaelper",  "terapeut",  "vaert",   "psykolog",  "jordemoder"};
  if (folded.size() < 7) return false;
  static constexpr std::array<bool, 256> kLast = LastBytes(kSuffixes);
  if (!kLast[static_cast<unsigned char>(folded.back())]) return false;
  for (std::string_view s : kSuffixes) {
    if (folded.size() >= s.size() + 3 && EndsWith(folded, s)) return true;
  }
  return false;
}

// Whether an unknown capitalised word is shaped like a surname: Danish farm and patronymic
// names, Spanish patronymics, Slavic, Turkish, Italian, Gaelic and Arabic forms.
bool SurnameShaped(std::string_view folded, std::string_view original) {
  // clang-format off
  static constexpr std::string_view kSuffixes[] = {
      // Danish and Nordic: patronymics and farm and place names become surnames.
      "sen", "son", "gaard", "gard", "strup", "trup", "drup", "rup", "holm", "lund", "bjerg",
      "berg", "borg", "skov", "skou", "dal", "dahl", "hoj", "toft", "baek", "bech", "kjaer",
      "kaer", "mose", "vig", "feldt", "feld", "hauge", "hede", "sted", "lev", "bol", "lykke",
      "holt", "hus", "mark", "vad", "bro", "sig", "kilde",
      // Slavic, Turkish, Italian and Germanic
      "ski", "ska", "cki", "cka", "wicz", "vich", "czyk", "czak", "enko", "ovic", "evic", "escu",
      "oglu", "ini", "elli", "etti", "otti", "ucci", "acci", "azzi", "ardi", "mann", "stein",
  };
  // clang-format on
  if (folded.size() < 5) return false;
  // Danish nouns in -else take -n in the definite ("henvendelsen"): a surname in -elsen is a
  // patronymic ("Mikkelsen") or was listed.
  if (EndsWith(folded, "elsen")) return false;
  static constexpr std::array<bool, 256> kLast = LastBytes(kSuffixes);
  if (kLast[static_cast<unsigned char>(folded.back())]) {
    for (std::string_view s : kSuffixes) {
      if (folded.size() >= s.size() + 3 && EndsWith(folded, s)) return true;
    }
  }
  // Spanish and Portuguese patronymics: Fernández, Rodríguez, Benítez, Vásquez.
  if (EndsWith(folded, "ez") || EndsWith(folded, "es")) {
    const char c = folded[folded.size() - 3];
    if (EndsWith(folded, "ez") && c != 'a' && c != 'e' && c != 'i' && c != 'o' && c != 'u') {
      return true;
    }
  }
  // Gaelic and Arabic prefixes: McCarthy, MacArthur, O'Brien, Al-Sayed, El-Masri.
  if (original.size() > 3 && (StartsWith(original, "Mc") || StartsWith(original, "Mac")) &&
      IsUpperAscii(original[StartsWith(original, "Mac") ? 3 : 2])) {
    return true;
  }
  if (StartsWith(folded, "o'") || StartsWith(folded, "al-") || StartsWith(folded, "el-") ||
      StartsWith(folded, "abu-") || StartsWith(folded, "bin-")) {
    return true;
  }
  return false;
}

// Danish streets are written as one word: "Finsensvej", "Holmbladsgade", "Kronprinsessegade".
bool StreetShaped(std::string_view folded) {
  static constexpr std::string_view kSuffixes[] = {
      "vej", "vejen", "gade", "gaden", "alle", "straede", "plads", "torv", "vaenge", "boulevard"};
  if (folded.size() < 6) return false;
  static constexpr std::array<bool, 256> kLast = LastBytes(kSuffixes);
  if (!kLast[static_cast<unsigned char>(folded.back())]) return false;
  for (std::string_view s : kSuffixes) {
    if (folded.size() >= s.size() + 2 && EndsWith(folded, s)) return true;
  }
  return false;
}

// Danish institutions are compounds too, read by their last part: "Naturfond", "Gymnasieskole",
// "Musikakademiet", "Sundhedshuset" (folded). One before them ends a name as "Fond" does.
bool InstitutionShaped(std::string_view folded) {
  static constexpr std::string_view kSuffixes[] = {
      "fond",      "fonden",     "skole",      "skolen",      "akademi",   "akademiet",
      "gymnasium", "gymnasiet",  "hospital",   "hospitalet",  "institut",  "instituttet",
      "museum",    "museet",     "kirke",      "kirken",      "center",    "centret",
      "forening",  "foreningen", "selskab",    "selskabet",   "kollegium", "kollegiet",
      "bibliotek", "biblioteket", "teater",    "teatret",     "stiftelse", "stiftelsen"};
  if (folded.size() < 8) return false;
  static constexpr std::array<bool, 256> kLast = LastBytes(kSuffixes);
  if (!kLast[static_cast<unsigned char>(folded.back())]) return false;
  for (std::string_view s : kSuffixes) {
    if (folded.size() >= s.size() + 3 && EndsWith(folded, s)) return true;
  }
  return false;
}

// The surname shapes that stay names in lower case: Danish farm names and Slavic, Turkish and
// Spanish patronymic endings, not the -sen of Danish definite nouns ("bussen", "prisen").
bool LowerCaseSurnameShaped(std::string_view folded) {
  static constexpr std::string_view kSuffixes[] = {
      "gaard", "gard",  "strup", "trup", "drup", "rup",  "holm", "lund", "bjerg", "skov",
      "toft",  "kjaer", "feldt", "ski",  "ska",  "wicz", "czyk", "oglu", "enko"};
  if (folded.size() < 6 || NounShaped(folded)) return false;
  static constexpr std::array<bool, 256> kLast = LastBytes(kSuffixes);
  if (!kLast[static_cast<unsigned char>(folded.back())]) return false;
  for (std::string_view s : kSuffixes) {
    if (folded.size() >= s.size() + 3 && EndsWith(folded, s)) return true;
  }
  return false;
}

}  // namespace

// ---------------------------------------------------------------------------------------------

struct NameDetector::Impl {
  Lexicon lexicon;

  Impl();
  uint32_t LookUp(std::string_view word) const {
    Folded f;
    FoldInto(word, f);
    return f.ok ? lexicon.FlagsOf(f.view()) : 0;
  }
  void Find(std::string_view v, Candidates& taken) const;
};

NameDetector::Impl::Impl() {
  for (std::string_view n : kGivenNames) lexicon.AddWord(n, kGiven);
  for (std::string_view n : kSurnames) lexicon.AddWord(n, kSurname);
  for (std::string_view n : kChineseSurnames) lexicon.AddWord(n, kSurname | kChineseSurname);
  for (const CommonWord& w : kCommonWords) {
    lexicon.Add(w.word, w.tier == 0   ? kCommon | kVeryCommon | kTopWord
                        : w.tier == 1 ? kCommon | kVeryCommon
                                      : kCommon);
  }
  for (std::string_view n : kAmbiguousGivenNames) lexicon.AddWord(n, kGiven | kAmbiguousGiven);
  for (std::string_view p : kPlaces) {
    if (p.find(' ') == std::string_view::npos) {
      lexicon.AddWord(p, kPlace);
      continue;
    }
    // Places of several words are stored as their words folded and joined by single spaces,
    // without the full stops of initials: "José C. Paz" as "jose c paz".
    Folded f;
    bool space = false;
    for (std::size_t i = 0; i < p.size();) {
      std::size_t len;
      const int32_t cp = DecodeAt(p, i, &len);
      if (cp == ' ' || cp == '.' || cp == '&') {
        space = true;
      } else {
        if (space && f.len > 0) f.Append(' ');
        space = false;
        FoldInto(p.substr(i, len), f);
      }
      i += len;
    }
    if (f.ok) lexicon.Add(f.view(), kPlacePhrase);
  }
  for (std::string_view w : kStrongTitles) lexicon.AddWord(w, kStrongTitle);
  for (std::string_view w : kWeakTitles) lexicon.AddWord(w, kWeakTitle);
  for (std::string_view w : kAfterWords) lexicon.AddWord(w, kAfterWord);
  for (std::string_view w : kBeforeWords) lexicon.AddWord(w, kBeforeWord);
  for (std::string_view w : kParticles) lexicon.AddWord(w, kParticle);
  for (std::string_view w : kMonthsAndDays) lexicon.AddWord(w, kMonthOrDay);
  for (std::string_view w : kRoleTitles) lexicon.AddWord(w, kRoleTitle);
  for (std::string_view w : kHouseholdWordsBefore) lexicon.AddWord(w, kHouseholdBefore);
  for (std::string_view w : kHouseholdWordsAfter) lexicon.AddWord(w, kHouseholdAfter);
  for (std::string_view w : kFamilyTitles) lexicon.AddWord(w, kFamilyTitle);
  for (std::string_view w : kPersonCues) lexicon.AddWord(w, kPersonCue);
  for (std::string_view w : kPersonVerbs) lexicon.AddWord(w, kPersonVerb);
  for (std::string_view w : kPersonPrepositions) lexicon.AddWord(w, kPersonPreposition);
  for (std::string_view w : kSpeechVerbs) lexicon.AddWord(w, kSpeechVerb);
  for (std::string_view w : kConjunctions) lexicon.AddWord(w, kConjunction);
  for (std::string_view w : kLabels) lexicon.AddWord(w, kLabel);
  for (std::string_view w : kNamingWords) lexicon.AddWord(w, kNaming);
  for (std::string_view w : kGreetings) lexicon.AddWord(w, kGreeting);
  for (std::string_view w : {"is", "was", "er", "var", "es", "era", "fue"}) {
    lexicon.AddWord(w, kCopula);
  }
  // A name that is also a common word, a month or a place needs another known name beside it.
  lexicon.ForEach([](uint32_t& f) {
    if ((f & kGiven) && (f & (kCommon | kPlace | kMonthOrDay))) f |= kAmbiguousGiven;
    if ((f & kSurname) && (f & (kCommon | kMonthOrDay))) f |= kAmbiguousSurname;
  });
}

namespace {

// The tokens of a value, lexed lazily into a ring: the matcher looks one token back and some
// twenty ahead of where it stands at most, so a fixed ring serves values of any length.
class TokenRing {
 public:
  static constexpr std::size_t kSize = 64;

  TokenRing(std::string_view v, const Lexicon& lexicon) : v_(v), lexicon_(lexicon) {}

  // Token k (0-based), or nullptr past the last one.
  const Token* At(std::size_t k) {
    while (lexed_ <= k) {
      if (!LexNext()) return nullptr;
    }
    return &ring_[k % kSize].token;
  }
  // Token k, already lexed (At(k) returned it, or a later one). A slot not written yet reads as
  // an empty token, as when the ring was initialised whole; no rule asks for one (the rules
  // that look back check that there is a token before).
  const Token& Lexed(std::size_t k) const {
    const std::size_t slot = k % kSize;
    return slot < lexed_ ? ring_[slot].token : kUnwritten;
  }
  std::string_view Text(const Token& t) const { return v_.substr(t.begin, t.end - t.begin); }
  std::string_view value() const { return v_; }
  std::size_t lexed() const { return lexed_; }

 private:
  // What LexNext learns of a word's letters as it reads them.
  struct Letters {
    std::size_t count = 0;
    bool upper_first = false;
    bool all_upper = true;
    bool any_lower = false;
    bool joined = false;  // parts joined by a hyphen or an apostrophe
  };

  bool LexNext() {
    std::size_t i = SkipToWord(pos_);
    if (i >= v_.size()) {
      pos_ = i;
      return false;
    }
    Token t;
    t.begin = i;
    Letters letters;
    i = ReadWord(i, &letters);
    t.end = i;
    // An English possessive is not part of the name: "John Smith's bike". The name ends there,
    // and the word after it is read as if the apostrophe were a space: "Ole Kirk's Fond".
    std::size_t apostrophe = 0;
    if (t.end - t.begin > 4 && v_[t.end - 1] == 's') {
      if (v_[t.end - 2] == '\'') {
        apostrophe = 2;
      } else if (v_.substr(t.end - 4, 3) == "\u2019") {
        apostrophe = 4;
      }
      t.end -= apostrophe;
    }
    const std::string_view text = v_.substr(t.begin, t.end - t.begin);
    t.shape = ShapeOf(t, text, letters);
    t.genitive = !text.empty() && (text.back() == 's' || text.back() == 'S');
    t.gap = lexed_ == 0 ? Gap::kStart : ClassifyGap(v_.substr(prev_end_, t.begin - prev_end_));
    t.flags = Classify(text, t.shape);
    if (apostrophe != 0) {
      t.possessive = true;
    } else {
      ReadGenitive(text, t);
    }
    prev_end_ = t.end + (apostrophe != 0 ? apostrophe : t.possessive ? 1 : 0);
    pos_ = i;
    std::construct_at(&ring_[lexed_ % kSize].token, t);
    ++lexed_;
    return true;
  }

  // The start of the next word at or after byte i: a letter of a script written with spaces.
  std::size_t SkipToWord(std::size_t i) const {
    while (i < v_.size()) {
      const auto b = static_cast<unsigned char>(v_[i]);
      if (b < 0x80) {  // most text is ASCII: no decoding, no ICU
        if (IsAlphaAscii(static_cast<char>(b))) break;
        ++i;
        continue;
      }
      std::size_t len;
      const int32_t cp = DecodeAt(v_, i, &len);
      if (IsLetter(cp) && !IsCjk(cp)) break;
      i += len;
    }
    return i;
  }

  // Reads the word that starts at byte i, its parts joined by hyphens and apostrophes; returns
  // its end.
  std::size_t ReadWord(std::size_t i, Letters* letters) const {
    Letters& w = *letters;
    while (i < v_.size()) {
      const auto b = static_cast<unsigned char>(v_[i]);
      if (b < 0x80 && IsAlphaAscii(static_cast<char>(b))) {
        const bool up = b <= 'Z';
        if (w.count == 0) w.upper_first = up;
        w.all_upper = w.all_upper && up;
        w.any_lower = w.any_lower || !up;
        ++w.count;
        ++i;
        continue;
      }
      std::size_t len;
      const int32_t c = DecodeAt(v_, i, &len);
      if (IsLetter(c) && !IsCjk(c)) {
        const bool up = c < 0x80 ? IsUpperAscii(static_cast<char>(c))
                                 : (u_isupper(c) != 0 || u_istitle(c) != 0);
        const bool low = c < 0x80 ? IsLowerAscii(static_cast<char>(c)) : u_islower(c) != 0;
        if (w.count == 0) w.upper_first = up;
        w.all_upper = w.all_upper && !low;
        w.any_lower = w.any_lower || low;
        ++w.count;
        i += len;
        continue;
      }
      if (c == '-' || c == '\'' || c == 0x2019) {
        std::size_t next_len;
        if (i + len < v_.size() && IsLetter(DecodeAt(v_, i + len, &next_len))) {
          i += len;
          w.joined = true;
          continue;
        }
      }
      break;
    }
    return i;
  }

  Shape ShapeOf(const Token& t, std::string_view text, const Letters& w) const {
    // "3,2 °C": a unit after a degree sign (or the ordinal sign typed for one) is no initial.
    const bool digit_before =
        t.begin > 0 &&
        (IsDigit(v_[t.begin - 1]) || (t.begin > 1 && v_[t.begin - 2] == '\xC2' &&
                                      (v_[t.begin - 1] == '\xB0' || v_[t.begin - 1] == '\xBA')));
    const bool digit_after = t.end < v_.size() && IsDigit(v_[t.end]);
    if (digit_before || digit_after) return Shape::kOther;
    if (w.count == 1 && w.upper_first) return Shape::kInitial;
    if (w.upper_first && w.all_upper && w.count >= 2) {
      return IsRomanNumeral(text) ? Shape::kOther : Shape::kUpper;
    }
    if (w.upper_first) return Shape::kCapital;
    if (!w.any_lower) return Shape::kOther;
    // "al-Sayed", "el-Masri", "d'Angelo", "ibn-Rushd": a lower-case prefix on a capitalised name.
    const std::size_t sep = w.joined ? text.find_first_of("-'") : std::string_view::npos;
    if (sep != std::string_view::npos && sep <= 3 && sep + 1 < text.size() &&
        IsUpperAscii(text[sep + 1])) {
      return Shape::kCapital;
    }
    return Shape::kLower;
  }

  // A Danish genitive of a name is the name and an s: "Mette Hansens cykel" holds the name
  // "Mette Hansen". The s stays outside the finding; the name ends there.
  // In lower case the same, when the word is no other word: "nikoline elkjærs hund".
  void ReadGenitive(std::string_view text, Token& t) const {
    const bool lower_genitive = t.shape == Shape::kLower && t.flags == 0;
    if (t.genitive && text.size() > 3 &&
        (t.shape == Shape::kCapital || t.shape == Shape::kUpper || lower_genitive) &&
        !(t.flags & (kGiven | kSurname | kSurnameShape | kCommon | kPlace))) {
      const uint32_t stem = Classify(text.substr(0, text.size() - 1), t.shape);
      // Spanish plurals end in s too: "domingos" is no genitive of "Domingo".
      if ((stem & (kGiven | kSurname | kSurnameShape)) &&
          !(lower_genitive && (stem & (kCommon | kMonthOrDay | kPlace)))) {
        t.flags = stem;
        t.end -= 1;
        t.possessive = true;
      }
    }
  }

  uint32_t Classify(std::string_view text, Shape shape) const {
    Folded f;
    FoldInto(text, f);
    if (!f.ok) return 0;
    const std::string_view folded = f.view();
    uint32_t flags = lexicon_.FlagsOf(folded);
    const bool capitalised = shape == Shape::kCapital || shape == Shape::kUpper;
    if (flags == 0 && folded.find('-') != std::string_view::npos) {
      // "Holm-Nielsen", "Anne-Sofie", "Hans-Henrik": a compound of known names.
      if (SyllableGivenName(folded)) return kGiven;  // "Ji-ho", "Seo-yeon", "Xiu-ying"
      // A part in lower case after a capitalised one is a compound noun, not a name:
      // "Windows-temapakke", "RDF-dokument" (names capitalise each part: "Holm-Nielsen").
      // "Steiner-skolen", "Bohr-instituttet": a name joined to an institution's word is the
      // institution.
      if (capitalised) {
        for (std::size_t k = 1; k + 1 < text.size(); ++k) {
          if (text[k] == '-' && !IsUpperAscii(text[k + 1]) && (text[k + 1] & 0x80) == 0) {
            const std::string_view tail = folded.substr(folded.rfind('-') + 1);
            return kNounShape | (lexicon_.FlagsOf(tail) & kAfterWord);
          }
        }
      }
      bool all_given = true, any_surname = false, any_known = false, all_places = true;
      // "Conni-Lotte", "Hjalte-Carl": a given name joined to a name no list has.
      bool given_or_unknown = true, any_plain_given = false;
      std::string_view rest = folded;
      while (!rest.empty()) {
        const std::size_t dash = rest.find('-');
        const std::string_view part = rest.substr(0, dash);
        const uint32_t pf = lexicon_.FlagsOf(part);
        all_given = all_given && (pf & kGiven);
        any_surname = any_surname || ((pf & kSurname) && !(pf & kAmbiguousSurname)) ||
                      (!(pf & (kCommon | kPlace)) && SurnameShaped(part, part));
        any_known = any_known || (pf & (kGiven | kSurname));
        all_places = all_places && (pf & kPlace);
        given_or_unknown = given_or_unknown && ((pf & kGiven) || (pf == 0 && part.size() >= 3));
        any_plain_given = any_plain_given || ((pf & kGiven) && !(pf & kAmbiguousGiven));
        rest = dash == std::string_view::npos ? std::string_view() : rest.substr(dash + 1);
      }
      if (all_places) return kPlace;
      if (all_given) return kGiven;
      if (any_surname) return kSurname;
      if (given_or_unknown && any_plain_given && capitalised) return kGiven;
      if (any_known) return kSurnameShape;
      return 0;
    }
    if (!(flags & (kGiven | kSurname | kRoleTitle)) && RoleShaped(folded)) flags |= kRoleTitle;
    if (!capitalised) {  // lower-case shapes are read where needed (TryLowerCase)
      return flags == 0 && lexicon_.IsWord(folded) ? kCommon | kDictionary : flags;
    }
    if (!(flags & (kGiven | kSurname)) && StreetShaped(folded)) return flags | kPlace;
    if (!(flags & (kGiven | kSurname)) && InstitutionShaped(folded)) return flags | kAfterWord;
    // A word of the wordlists that no list holds is an ordinary word, if a rarer one: neither a
    // surname by its shape ("Person", "Rapidez") nor an unlisted name ("Vector Cache").
    if (flags == 0 && lexicon_.IsWord(folded)) return kCommon | kDictionary;
    if (!(flags & (kGiven | kSurname | kCommon | kPlace | kMonthOrDay | kAfterWord | kBeforeWord |
                   kStrongTitle | kWeakTitle)) &&
        SurnameShaped(folded, text)) {
      // A Danish genitive of a common word is not a surname: "Kongens", "Byens".
      if (!(folded.size() > 1 && folded.back() == 's' &&
            (lexicon_.FlagsOf(folded.substr(0, folded.size() - 1)) & kCommon))) {
        flags |= kSurnameShape;
      }
    }
    if (flags == 0 && folded.size() > 2 && folded.back() == 's') {
      // Genitives of common words ("Kongens", "Byens") are common words.
      flags |= lexicon_.FlagsOf(folded.substr(0, folded.size() - 1)) & (kCommon | kPlace);
    }
    // Pinyin names end as English nouns do: "Yuting", "Xiaoming".
    if (flags == 0 && NounShaped(folded) && PinyinSyllables(folded) < 2) flags |= kNounShape;
    return flags;
  }

  std::string_view v_;
  const Lexicon& lexicon_;
  // A slot holds a token from when it is lexed: most values are a few words, and initialising
  // all the slots cost more than lexing them.
  static constexpr Token kUnwritten{};
  union Slot {
    Slot() {}
    Token token;
  };
  std::array<Slot, kSize> ring_;
  std::size_t lexed_ = 0;
  std::size_t pos_ = 0;
  std::size_t prev_end_ = 0;
};

constexpr std::size_t kMaxNameWords = 5;

bool IsCapitalised(const Token& t) {
  return t.shape == Shape::kCapital || t.shape == Shape::kUpper;
}
bool Known(uint32_t f) { return (f & (kGiven | kSurname)) != 0; }
// A given name that starts a name on its own.
bool PlainGiven(uint32_t f) { return (f & kGiven) && !(f & kAmbiguousGiven); }
// A surname that makes a name beside an unknown or ambiguous word.
bool PlainSurname(uint32_t f) {
  return ((f & kSurname) && !(f & kAmbiguousSurname)) || (f & kSurnameShape);
}
bool IsTitle(const Token& t) {
  // An office that also starts street and place names is a title in lower case only:
  // "la presidenta Graciela Ledesma", not "Presidente Hayes".
  if ((t.flags & kRoleTitle) && (t.flags & kBeforeWord) && IsCapitalised(t)) return false;
  return (t.flags & (kStrongTitle | kRoleTitle | kFamilyTitle)) ||
         ((t.flags & kWeakTitle) && IsCapitalised(t));
}
constexpr uint32_t kAnyTitle = kStrongTitle | kWeakTitle | kRoleTitle | kFamilyTitle;
// Words that say a name is near and are never part of one.
constexpr uint32_t kCueWords = kPersonCue | kPersonVerb | kSpeechVerb | kConjunction;

// An unknown capitalised word that may be an unlisted given name: not a common word, place,
// month, title or street word, and not itself shaped like a surname or place.
bool UnknownNameLike(const Token& t) {
  return IsCapitalised(t) && !(t.flags & (kGiven | kSurname | kCommon | kPlace | kMonthOrDay |
                                          kAfterWord | kBeforeWord | kAnyTitle | kCueWords |
                                          kSurnameShape | kParticle | kNounShape));
}

// A run of words that may be a name: the tokens' indices (particles left out) and the token
// after the run, if any.
struct Run {
  std::array<std::size_t, kMaxNameWords> idx{};
  std::size_t n = 0;
  std::size_t last = 0;         // index of the last token of the run, particles included
  const Token* stop = nullptr;  // the token that ended the run, when joined to it by a space
};

class Matcher {
 public:
  Matcher(std::string_view v, const Lexicon& lexicon, Candidates& taken)
      : tokens_(v, lexicon),
        lexicon_(lexicon),
        taken_(taken),
        earlier_(taken.size()),
        earlier_spans_(taken) {}

  void Scan() {
    std::size_t i = 0;
    bool any = false;
    while (tokens_.At(i) != nullptr) {
      std::size_t next = i + 1;
      if (TryAt(i, &next)) any = true;
      i = std::max(next, i + 1);
    }
    if (!any) WholeCell();
  }

 private:
  const Token* At(std::size_t k) { return tokens_.At(k); }
  const Token& L(std::size_t k) const { return tokens_.Lexed(k); }

  // How strongly the words before a token say that a person's name starts there (CueBefore).
  enum class Cue { kNone, kWeak, kStrong };

  void Push(std::size_t first, std::size_t last) {
    const std::size_t begin = L(first).begin;
    const std::size_t end = L(last).end;
    if (earlier_spans_.Overlaps(begin, end)) return;
    // Names are found left to right and never overlap one another: only the last can overlap.
    if (taken_.size() > earlier_ && taken_.back().finding.end > begin) return;
    taken_.push_back({kPriorityName, {IdentifierKind::kName, begin, end}});
  }

  // Tries the rules at token i; on a finding or a run known not to be a name, sets *next to the
  // token after it.
  bool TryAt(std::size_t i, std::size_t* next) {
    const Token& t = L(i);
    if ((IsCapitalised(t) || t.shape == Shape::kLower) && TryComma(i, next)) return true;
    if (IsCapitalised(t) && TryKoreanOrder(i, next)) return true;
    if (IsCapitalised(t) || t.shape == Shape::kInitial) {
      const Cue cue = CueBefore(i);
      if (cue != Cue::kNone && TryCued(i, cue, next)) return true;
      if (TryCapitalised(i, next)) return true;
      // A street or place: no other reading of the same words ("Juan de Garay").
      if (*next > i + 1) return false;
      if (cue == Cue::kNone && TryCued(i, cue, next)) return true;
    }
    if (IsTitle(t) && TryTitle(i, next)) return true;
    if (TryHousehold(i, next)) return true;
    // A weak title in lower case before a capitalised given name: "don Pascual", "miss Sarah".
    if ((t.flags & kWeakTitle) && t.shape == Shape::kLower && At(i + 1) != nullptr &&
        L(i + 1).gap == Gap::kSpace && L(i + 1).shape == Shape::kCapital &&
        PlainGiven(L(i + 1).flags) && TryTitle(i, next)) {
      return true;
    }
    if (TryLowerCase(i, next)) return true;
    if (t.shape == Shape::kLower && TryCued(i, CueBefore(i), next)) return true;
    if (TryLoneName(i, next)) return true;
    return false;
  }

  // A given name on its own where the words around it say a person is meant: after a naming
  // verb, a relation, a greeting or a sign-off ("soy maría", "jeg hedder mette", "mi vecino
  // Jorge", "Hola Maru", "Hilsen Mette", "Un saludo, Lola"), after a verb that takes a person
  // ("Thanks, Sarah", "hablé con Jorge", "I'm Tom"), or as the signature that ends a message
  // ("Best, Tom", "— Ana M."). An initial may follow it ("Ana M.").
  bool TryLoneName(std::size_t i, std::size_t* next) {
    const Token& t = L(i);
    if ((t.shape != Shape::kLower && !IsCapitalised(t)) || t.end - t.begin < 2 ||
        (t.flags & (kAnyTitle | kCueWords | kMonthOrDay | kParticle | kAfterWord | kLabel))) {
      return false;
    }
    const Token* after = At(i + 1);
    std::size_t last = i;
    if (after != nullptr && after->gap == Gap::kSpace && after->shape == Shape::kInitial &&
        (At(i + 2) == nullptr || L(i + 2).gap == Gap::kComma || L(i + 2).gap == Gap::kOther ||
         L(i + 2).shape == Shape::kLower)) {
      last = i + 1;  // "Ana M.", "soy Tom K., ..."
      after = At(i + 2);
    }
    // Another capitalised word joined to it would make a longer name, which the rules above
    // have read and refused ("Hilsen Mette Kommune").
    if (last == i && after != nullptr && after->gap == Gap::kSpace && IsCapitalised(*after)) {
      return false;
    }
    // A name with a genitive or an ampersand after it names a shop or a firm: "Thanks to
    // Christie's", "Tak til Joe & The Juice".
    const std::string_view rest = tokens_.value().substr(L(last).end);
    if (t.possessive || rest.starts_with("'s") || rest.starts_with("\u2019s") ||
        rest.starts_with("&") || rest.starts_with(" &")) {
      return false;
    }
    // Where a clause ends with the name, a name that is also a word is the name: "hilsen rose",
    // not "my mum rose early".
    const bool ends = after == nullptr || after->gap != Gap::kSpace;
    const bool lower = t.shape == Shape::kLower;
    const bool given = (t.flags & kGiven) && (!(t.flags & kTopWord) || TopWordName(t)) &&
                       (PlainGiven(t.flags) || ends || (!lower && !(t.flags & kTopWord)));
    const Cue cue = CueBefore(i);
    if (!LoneNameCued(i, cue, given, ends, after)) return false;
    // After a naming word, in lower case, the words after the given name that are surnames,
    // towns or no word at all are its surnames: "Afsender: jette kastrup".
    if (lower && cue == Cue::kStrong && last == i && i > 0 &&
        (L(i - 1).flags & (kNaming | kCopula))) {
      for (std::size_t k = i + 1; k <= i + 2; ++k) {
        const Token* w = At(k);
        if (w == nullptr || w->gap != Gap::kSpace || w->shape != Shape::kLower ||
            w->end - w->begin < 3 || (w->flags & (kCommon | kCueWords | kParticle)) ||
            !(w->flags == 0 || (w->flags & (kSurname | kPlace)))) {
          break;
        }
        last = k;
      }
    }
    Push(i, last);
    *next = last + 1;
    return true;
  }

  // Whether the words around the given name at token i say that it is a person's: `cue`
  // before it, or its place as the signature that ends a message. `given` is whether the lists
  // make it a given name here, `ends` whether a clause ends with it; `after` is the token after
  // it (after its initial, if one follows).
  bool LoneNameCued(std::size_t i, Cue cue, bool given, bool ends, const Token* after) {
    const Token& t = L(i);
    const bool lower = t.shape == Shape::kLower;
    if (cue == Cue::kStrong) {
      // A Chinese cue before the first token ("我叫Coco"): no word before the name says more.
      if (i == 0) return given;
      const Token& p = L(i - 1);
      // After a full stop a new sentence starts, unless the cue was abbreviated: "Mvh. Jens",
      // "Atte. Carlos", not "... por hijo. Pagamos".
      if (t.gap == Gap::kDot && p.end - p.begin > 4) return false;
      if (p.flags & kGreeting) {
        return given && ends && (t.gap == Gap::kSpace || t.gap == Gap::kComma);
      }
      if (p.flags & kNaming || (p.flags & kCopula)) {
        // A word no list has is a name here too ("me llamo yeison", "Navn: Gunnlaug"), when it
        // is no word of the wordlists either.
        return given || (lower ? t.flags == 0 && t.end - t.begin >= 3
                               : UnknownNameLike(t) && t.end - t.begin >= 3 && !DanishGenitive(t));
      }
      return given;
    }
    if (cue == Cue::kWeak) {
      // Straight after the verb or a name and "and" ("Thanks, Sarah", "Call Jack", "Ama Mensah
      // og Esben"), or after a verb of talking and its preposition ("hablé con Jorge"); one word
      // that is thanked or written to is as often a shop ("Thanks to Zara").
      const bool thanked =
          i >= 2 && (L(i - 1).flags & kPersonPreposition) && IsThanks(L(i - 2));
      return t.shape == Shape::kCapital && !thanked && PlainGiven(t.flags) &&
             !(t.flags & (kCommon | kPlace));
    }
    // The signature that ends a message: the last word, after a comma, a dash or a line
    // break, and a plain given name ("Best, Tom", "Saludos a todos, Pilar").
    return !lower && after == nullptr && i >= 1 && ClosingBefore(i) && PlainGiven(t.flags) &&
           !(t.flags & (kCommon | kPlace));
  }

  // Whether a signature can start at token i: after a line break or a dash, or after a comma
  // that ends a short closing phrase of its own ("Best, Tom", "Thanks again, Ana", "Un abrazo,
  // Lola"), not a list ("We got help from Boots, Zara").
  bool ClosingBefore(std::size_t i) {
    const Token& t = L(i);
    const std::string_view v = tokens_.value();
    const std::string_view gap = v.substr(L(i - 1).end, t.begin - L(i - 1).end);
    if (t.gap == Gap::kOther) {
      // Not after a date, a time or an amount: "Summer fair - 12 July - Grace" names an event.
      const Token& p = L(i - 1);
      if (p.shape == Shape::kOther || (p.flags & kMonthOrDay)) return false;
      return gap.find('\n') != std::string_view::npos || gap.find('-') != std::string_view::npos ||
             gap.find("\u2014") != std::string_view::npos ||
             gap.find("\u2013") != std::string_view::npos;
    }
    if (t.gap != Gap::kComma) return false;
    // The phrase before the comma: three words at most since the sentence or the text began.
    std::size_t words = 0;
    for (std::size_t k = i; k-- > 0;) {
      ++words;
      const Gap g = L(k).gap;
      if (g == Gap::kStart) break;
      if (g == Gap::kOther || g == Gap::kDot || g == Gap::kColon || g == Gap::kComma) {
        const std::string_view before = v.substr(L(k - 1).end, L(k).begin - L(k - 1).end);
        if (g != Gap::kComma && before.find_first_of(".!?\n") != std::string_view::npos) break;
        if (g == Gap::kComma || g == Gap::kColon) return false;
      }
      // A date or an amount before the comma is no closing phrase: "on Sunday 12 May, Eid".
      if (words > 3 || Known(L(k).flags) || L(k).shape == Shape::kOther ||
          (L(k).flags & (kPlace | kAfterWord | kMonthOrDay))) {
        return false;
      }
    }
    return words <= 3;
  }

  // "thanks", "thank", "tak", "gracias": after these and a preposition one word may be a firm.
  bool IsThanks(const Token& t) {
    Folded f;
    FoldInto(tokens_.Text(t), f);
    const std::string_view w = f.view();
    return w == "thanks" || w == "thank" || w == "tak" || w == "gracias" || w == "takk";
  }

  // One of the most frequent words that is a name in lower case as well: "hans jensen",
  // "per hansen", "hilsen bo".
  bool TopWordName(const Token& t) {
    Folded f;
    FoldInto(tokens_.Text(t), f);
    static constexpr std::string_view kTopWordNames[] = {"hans",  "per", "bo",   "jan", "kim",
                                                         "andre", "ole", "else", "may", "will"};
    return std::find(std::begin(kTopWordNames), std::end(kTopWordNames), f.view()) !=
           std::end(kTopWordNames);
  }

  // "Park Ji-woo", "Kim Min-jun": a surname, even one that is a word, then a given name of two
  // syllables joined by a hyphen, as Korean names are written surname first.
  bool TryKoreanOrder(std::size_t i, std::size_t* next) {
    const Token& t = L(i);
    const Token* n = At(i + 1);
    if (!(t.flags & kSurname) || (t.flags & kTopWord) || n == nullptr || n->gap != Gap::kSpace ||
        n->shape != t.shape || !(n->flags & kGiven)) {
      return false;
    }
    const std::string_view given = tokens_.Text(*n);
    if (given.find('-') == std::string_view::npos) return false;
    Folded f;
    FoldInto(given, f);
    if (!f.ok || !SyllableGivenName(f.view())) return false;
    Push(i, i + 1);
    *next = i + 2;
    return true;
  }

  // Whether token t may continue a capitalised run after `prev`; `surname_seen` when the run
  // already has a surname. A `relaxed` run (after a title or a cue) also takes words that are
  // ordinary words but capitalised where no sentence starts: "overlæge Høj", "Nurse Stone".
  bool Continues(const Token& t, const Token& prev, bool surname_seen = false,
                 bool relaxed = false) const {
    if (t.shape == Shape::kInitial) return true;
    if (!IsCapitalised(t)) return false;
    // A street word that is also a surname ends a name only after a plain given name: "Mary
    // Lane", not "Holloway Lane" or "Ivy Lane".
    if (t.flags & kAfterWord) {
      return (t.flags & kSurname) && !prev.genitive && (PlainGiven(prev.flags) || &t == &prev);
    }
    if (t.flags & kAnyTitle) return false;
    if ((t.flags & kCueWords) && !Known(t.flags)) return false;
    // Among the thousand most frequent words, a name is far rarer than the word ("Over", "Can").
    if (t.flags & kVeryCommon) return relaxed && Known(t.flags) && !(t.flags & kTopWord);
    if (Known(t.flags) || (t.flags & kSurnameShape)) return true;
    // In ALL CAPS text every word is capitalised: after a surname, an unknown word is the text.
    if (t.shape == Shape::kUpper && surname_seen) return false;
    // An unknown word of three letters or fewer is an abbreviation: "Tlf", "Att", "CPR"; so is
    // one of four in capitals after a capitalised word ("Norma IRAM").
    if (t.end - t.begin <= 3) return false;
    if (t.shape == Shape::kUpper && prev.shape == Shape::kCapital && t.end - t.begin <= 4) {
      return false;
    }
    if (relaxed && t.shape == Shape::kCapital && (t.flags & kCommon) &&
        !(t.flags & (kMonthOrDay | kPlace | kBeforeWord))) {
      return true;
    }
    // Danish surnames are often the names of towns ("Jette Kastrup", "Rebekka Hvidovre"): after
    // a cue, a place that is no ordinary word is a surname after a plain given name.
    if (relaxed && (t.flags & kPlace) && PlainGiven(prev.flags) &&
        !(t.flags & (kCommon | kMonthOrDay | kBeforeWord | kPlacePhrase))) {
      return true;
    }
    return !(t.flags & (kCommon | kMonthOrDay | kPlace | kBeforeWord));
  }

  // A given name that is also a street or place word continues a name when a name follows it:
  // "Halfdan Kaj Ørum", "Bo Kaj Bonde" (kaj is a quay).
  bool GivenInside(std::size_t k) {
    const Token& t = L(k);
    if (!(t.flags & kGiven) || !(t.flags & kAfterWord) || t.shape != Shape::kCapital) return false;
    const Token* after = At(k + 1);
    return after != nullptr && after->gap == Gap::kSpace && IsCapitalised(*after) &&
           (Known(after->flags) || (after->flags & kSurnameShape) || UnknownNameLike(*after)) &&
           !(after->flags & kAfterWord);
  }

  // Whether token k, capitalised and joined to the run by a space, is the last word of a name
  // though an ordinary word: a surname that is a word after a given name, where text capitalises
  // no word ("Erik Fog", "Kontakt Susanna Fog, ..."), or a second surname that is one of the
  // most frequent words ("Nestor Nunez Paz", "Blanca Morales Peña").
  bool WordAsLastSurname(const Run& run, std::size_t k) {
    const Token& t = L(k);
    if (t.shape != Shape::kCapital || (t.flags & (kTopWord | kMonthOrDay | kPlace | kBeforeWord |
                                                  kAnyTitle | kCueWords | kAfterWord))) {
      return false;
    }
    const Token* after = At(k + 1);
    if (after != nullptr && (after->gap == Gap::kSpace || after->gap == Gap::kDot) &&
        (IsCapitalised(*after) || after->shape == Shape::kInitial) &&
        !(PlainSurname(after->flags) && !(after->flags & kGiven))) {
      return false;  // a title or a heading goes on: "Emma Field Office"
    }
    const uint32_t first = L(run.idx[0]).flags;
    const uint32_t prev = L(run.idx[run.n - 1]).flags;
    if ((t.flags & kCommon) && !(t.flags & kVeryCommon) && t.end - t.begin > 2) {
      return PlainGiven(first) &&
             (run.n == 1 || Known(prev) || L(run.idx[run.n - 1]).shape == Shape::kInitial);
    }
    return (t.flags & kSurname) && run.n >= 2 && Known(prev) &&
           (PlainGiven(first) || ((first & kGiven) && PlainSurname(prev)));
  }

  // Whether the token after token k is no capitalised word joined to it by a space: the run ends
  // at k ("... HIGA» y vivo", "... WENDELBOE, formand", the end of the text).
  bool EndsAfter(std::size_t k) {
    const Token* after = At(k + 1);
    return after == nullptr || after->gap != Gap::kSpace || !IsCapitalised(*after);
  }

  // Whether token k, an unknown word in ALL CAPS, is the last surname of a name in capitals:
  // "LISANDRO MARÍN HIGA", "ABIGAIL LOZANO KALPAKIAN", or "MARIA YDE" after a given name. In
  // ALL CAPS text every word is capitalised, so only where the capitals end with it.
  bool UnknownLastWord(const Run& run, std::size_t k) {
    const Token& t = L(k);
    const Token& first = L(run.idx[0]);
    const Token& prev = L(run.idx[run.n - 1]);
    if (t.shape != Shape::kUpper || first.shape != Shape::kUpper ||
        prev.shape != Shape::kUpper || t.end - t.begin < 3 || !EndsAfter(k)) {
      return false;
    }
    // A rarer word right after a plain given name, as WordAsLastSurname reads it in mixed case:
    // "MARIA YDE", "LIZETH SOW". Three letters otherwise are an abbreviation ("TLF", "CPR").
    const bool rare_word = (t.flags & kCommon) && !(t.flags & (kVeryCommon | kMonthOrDay | kPlace |
                                                               kBeforeWord | kAfterWord |
                                                               kAnyTitle | kCueWords));
    if (run.n == 1 && PlainGiven(first.flags) && (rare_word || UnknownNameLike(t))) return true;
    if (!UnknownNameLike(t) || t.end - t.begin == 3 || run.n < 2) return false;
    return Read(run) != Reading::kNone;
  }

  // Whether token k, a capitalised word of three letters that is no name and a rarer word if a
  // word, is a middle name between a plain given name and a surname: "Erik Yde Ernst", "Anna
  // Bay Sørensen".
  bool ShortMiddleName(const Run& run, std::size_t k) {
    const Token& t = L(k);
    const bool rare = t.flags == 0 || ((t.flags & kCommon) &&
                                       !(t.flags & (kVeryCommon | kMonthOrDay | kPlace |
                                                    kBeforeWord | kAfterWord | kAnyTitle |
                                                    kCueWords | kParticle)));
    if (t.shape != Shape::kCapital || t.end - t.begin != 3 || !rare || run.n != 1 ||
        !PlainGiven(L(run.idx[0]).flags)) {
      return false;
    }
    const Token* after = At(k + 1);
    return after != nullptr && after->gap == Gap::kSpace && after->shape == Shape::kCapital &&
           PlainSurname(after->flags) && !(after->flags & (kCommon | kPlace));
  }

  // A name that is also one of the most frequent words continues a run only where it cannot be
  // the word: as a middle name before a plain name ("Sarah Jack Brown", "Julie Bo Ladefoged"),
  // or as the given name after a plain Chinese surname ("Huang Min").
  bool VeryCommonNamePart(const Run& run, std::size_t k) {
    const Token& t = L(k);
    if (!IsCapitalised(t)) return false;
    const Token& first = L(run.idx[0]);
    if (run.n == 1 && (first.flags & kChineseSurname) && !(first.flags & kAmbiguousSurname) &&
        ((t.flags & kGiven) || (!(t.flags & kCommon) && IsPinyin(t)))) {
      return true;  // "Huang Min", and short given names no list holds ("Wang Ao")
    }
    // "Lin Sun", "Jie Tan": a pinyin given name, then a surname that is also a frequent word.
    if (run.n == 1 && (t.flags & kChineseSurname) && t.shape == first.shape &&
        (first.flags & kGiven) && IsChineseName(first, t)) {
      return true;
    }
    if (!(t.flags & kVeryCommon) || !Known(t.flags)) return false;
    // A surname after a plain given name: "Nicole King", "Stian Lie", "Nélida Segura"; or
    // after an initial: "O. King", "Noah Y. King".
    const Token& prev = L(run.idx[run.n - 1]);
    if (prev.shape == Shape::kInitial && t.gap == Gap::kDot && (t.flags & kSurname) &&
        !(t.flags & kTopWord)) {
      return true;
    }
    if ((t.flags & kSurname) && PlainGiven(prev.flags) &&
        (t.shape == Shape::kCapital || !(t.flags & kTopWord))) {
      return true;
    }
    std::size_t a = k + 1;
    while (At(a) && L(a).gap == Gap::kSpace && L(a).shape == Shape::kLower &&
           (L(a).flags & kParticle) && a < k + 3) {
      ++a;
    }
    const Token* after = At(a);
    return after != nullptr && after->gap == Gap::kSpace && IsCapitalised(*after) &&
           (PlainSurname(after->flags) || PlainGiven(after->flags) ||
            (Known(after->flags) && !(after->flags & kVeryCommon)));
  }

  // Builds the capitalised run that starts at token s; `relaxed` after a title or a cue.
  Run BuildRun(std::size_t s, bool relaxed = false) {
    Run run;
    run.idx[run.n++] = s;
    run.last = s;
    std::size_t j = s;
    while (run.n < kMaxNameWords) {
      const Token* next = At(j + 1);
      if (next == nullptr) break;
      const Token& cur = L(j);
      if (cur.possessive) {  // "Jens Baggesens Vej": the name ends at the genitive
        if (next->gap == Gap::kSpace) run.stop = next;
        break;
      }
      const bool joined =
          next->gap == Gap::kSpace || (next->gap == Gap::kDot && cur.shape == Shape::kInitial);
      if (!joined) break;
      // Particles are written in lower case, or capitalised in title case ("Juan De La Torre",
      // "Jan Van der Berg") and in ALL CAPS; inside a name only, never starting one.
      if (next->shape != Shape::kInitial && next->shape != Shape::kOther &&
          (next->flags & kParticle)) {
        if (RunThroughParticles(run, j, relaxed)) continue;
        break;
      }
      if (RunEndsBefore(run, j, relaxed)) break;
      run.idx[run.n++] = j + 1;
      j = run.last = j + 1;
    }
    // A run does not end on an initial ("Christian X", "Plan B").
    while (run.n > 1 && L(run.idx[run.n - 1]).shape == Shape::kInitial) {
      --run.n;
      run.last = run.idx[run.n - 1];
      run.stop = nullptr;
    }
    return run;
  }

  // Takes the particles after token j into the run, and the name they lead to ("de la Torre",
  // "Nguyễn Văn An", "Minh Le"); true when the run goes on after them.
  bool RunThroughParticles(Run& run, std::size_t& j, bool relaxed) {
    const Token* next = &L(j + 1);
    // "de la", "van der": particles then a capitalised word.
    std::size_t k = j + 1;
    while (At(k + 1) && L(k + 1).gap == Gap::kSpace && L(k + 1).shape != Shape::kOther &&
           (L(k + 1).flags & kParticle) && k < j + 3) {
      ++k;
    }
    const Token* after = At(k + 1);
    // After a particle a place is a surname: "Juan de Garay", "María de Luján".
    if (after && after->gap == Gap::kSpace && IsCapitalised(*after) &&
        (Continues(*after, L(k), false, relaxed) ||
         ((after->flags & kPlace) && !(after->flags & (kCommon | kAfterWord))))) {
      run.idx[run.n++] = k + 1;
      j = run.last = k + 1;
      return true;
    }
    // Vietnamese names put Văn (Van) between the surname and the given name: "Nguyễn Văn An",
    // "Tran Van Long". After a surname that is no given name, a capitalised "Van" and any
    // capitalised word are the rest of the name ("Jan Van Dijk" has a given name first).
    const uint32_t prev_flags = L(run.idx[run.n - 1]).flags;
    if (k == j + 1 && next->shape == Shape::kCapital && run.n == 1 && (prev_flags & kSurname) &&
        !(prev_flags & kGiven) && after != nullptr && after->gap == Gap::kSpace &&
        after->shape == Shape::kCapital && tokens_.Text(*next).size() <= 4 &&
        (tokens_.Text(*next)[0] == 'V') &&
        !(after->flags & (kAfterWord | kPlace | kMonthOrDay | kAnyTitle))) {
      run.idx[run.n++] = j + 1;
      run.idx[run.n++] = k + 1;
      j = run.last = k + 1;
      return true;
    }
    // A capitalised particle that is also a surname may end a name: "Minh Le", "Lan Le".
    if (next->shape == Shape::kCapital && (next->flags & kSurname) &&
        (L(run.idx[run.n - 1]).flags & kGiven) &&
        (after == nullptr || after->gap != Gap::kSpace || !IsCapitalised(*after))) {
      run.idx[run.n++] = j + 1;
      run.last = j + 1;
    }
    return false;
  }

  // Whether the run ends before token j + 1, the token after it joined to it; takes in a last
  // surname that ends it ("Harry Trotter Fletcher").
  bool RunEndsBefore(Run& run, std::size_t& j, bool relaxed) {
    const Token* next = &L(j + 1);
    const Token& cur = L(j);
    bool surname_seen = false;
    for (std::size_t k = 0; k < run.n; ++k) {
      surname_seen = surname_seen || PlainSurname(L(run.idx[k]).flags);
    }
    if (Continues(*next, cur, surname_seen, relaxed) || VeryCommonNamePart(run, j + 1) ||
        GivenInside(j + 1) || UnknownLastWord(run, j + 1) || ShortMiddleName(run, j + 1)) {
      return false;
    }
    if ((next->gap == Gap::kSpace || (next->gap == Gap::kDot && cur.shape == Shape::kInitial)) &&
        WordAsLastSurname(run, j + 1)) {
      // A listed surname may follow it: "Harry Trotter Fletcher".
      run.idx[run.n++] = j + 1;
      j = run.last = j + 1;
      const Token* then = At(j + 1);
      if (then != nullptr && then->gap == Gap::kSpace && IsCapitalised(*then) &&
          PlainSurname(then->flags) && !(then->flags & kGiven) && run.n < kMaxNameWords) {
        run.idx[run.n++] = j + 1;
        j = run.last = j + 1;
      }
      return true;
    }
    if (next->gap == Gap::kSpace) run.stop = next;
    return true;
  }

  // Whether the run, or its first words, is a place that reads like a name, with `before` (a
  // title or place word just before it) or without.
  bool IsPlacePhrase(const Run& run, const Token* before) {
    for (int with_before = 0; with_before <= (before ? 1 : 0); ++with_before) {
      Folded key;
      if (with_before) FoldInto(tokens_.Text(*before), key);
      std::size_t words = with_before;
      // A few words past the run too: "Alicia Moreau de Justo" ends in a word no name takes.
      for (std::size_t k = run.idx[0]; k <= run.last + 3 && key.ok; ++k) {
        if (k > run.last) {
          const Token* more = At(k);
          if (more == nullptr || (more->gap != Gap::kSpace && more->gap != Gap::kDot)) break;
        }
        if (key.len > 0) key.Append(' ');
        FoldInto(tokens_.Text(L(k)), key);
        ++words;
        if (words >= 2 && key.ok && (lexicon_.FlagsOf(key.view()) & kPlacePhrase)) {
          return true;
        }
      }
    }
    return false;
  }

  // The token just before token s when joined to it by a space or a full stop ("Av. ", "San ").
  const Token* Before(std::size_t s) {
    if (s == 0) return nullptr;
    const Token& t = L(s);
    if (t.gap != Gap::kSpace && t.gap != Gap::kDot) return nullptr;
    return At(s - 1);
  }

  // A street, saint or place word before the run, or a street or organisation word after it.
  bool InPlaceName(const Run& run) {
    const Token* before = Before(run.idx[0]);
    // After a full stop only an abbreviation ("Av.", "Pje.") starts a street; a word the
    // sentence before ended with does not ("... en la estación. Natalia López").
    if (before && (before->flags & kBeforeWord) &&
        (L(run.idx[0]).gap != Gap::kDot || before->end - before->begin <= 4)) {
      return true;
    }
    if (run.stop && (run.stop->flags & kAfterWord)) return true;
    // "Martin Luther King Jr. Boulevard": a street word a little further on, past another
    // capitalised word or two and a generational suffix.
    for (std::size_t k = run.last + 1; k <= run.last + 3; ++k) {
      const Token* t = At(k);
      if (t == nullptr || (t->gap != Gap::kSpace && t->gap != Gap::kDot)) break;
      if (t->gap == Gap::kDot) {
        const std::string_view prev = tokens_.Text(L(k - 1));
        if (prev != "Jr" && prev != "Jnr" && prev != "Sr" && prev != "JR") break;
      }
      if (t->flags & kAfterWord) return true;
      // In ALL CAPS every word is capitalised: a frequent word is the sentence going on ("I SPOKE
      // TO HENRY FREEMAN AT THE COUNCIL"), not part of a place's name.
      if (!IsCapitalised(*t) || ((t->flags & kTopWord) && !Known(t->flags))) break;
    }
    if (IsPlacePhrase(run, before && IsCapitalised(*before) ? before : nullptr)) return true;
    // A place that starts inside the run: "Metrobus de Juan B. Justo".
    for (std::size_t k = 1; k < run.n; ++k) {
      Run tail;
      for (std::size_t m = k; m < run.n; ++m) tail.idx[tail.n++] = run.idx[m];
      tail.last = run.last;
      if (IsPlacePhrase(tail, nullptr)) return true;
    }
    return false;
  }

  enum class Reading { kNone, kKnown, kUnknownFirst, kUnknown };

  // Whether the run is a name, and on which evidence.
  Reading Read(const Run& run) {
    // A short word in capitals before a capitalised one is an acronym: "US Dvorak", "PIC Mips";
    // not a Chinese surname written in capitals before the given name ("CAI Haoran").
    const Token& head = L(run.idx[0]);
    if (head.shape == Shape::kUpper && run.n > 1 && L(run.idx[1]).shape == Shape::kCapital &&
        head.end - head.begin <= 4 && !PlainGiven(head.flags) &&
        !((head.flags & kChineseSurname) && IsChineseName(head, L(run.idx[1])))) {
      return Reading::kNone;
    }
    const Reading r = ReadKnown(run);
    if (r != Reading::kNone) return r;
    const Token& first = L(run.idx[0]);
    // "Ditlev Kjærsgaard", "Ditlev Bach Jensen", "Giles Z. Roberts": an unknown word that may be
    // a given name, then a known or surname-shaped last word, any word between them a known
    // name or an initial. Two unknown words first are more likely a noun at the start of a
    // sentence and a name ("Borgeren Gunnlaug Tornbjerg"): the name is then tried from the
    // second word.
    const Token& last = L(run.idx[run.n - 1]);
    const bool last_plain = PlainSurname(last.flags) && !(last.flags & kPlace) &&
                            (!(last.flags & kChineseSurname) || (last.flags & kSurnameShape) ||
                             last.end - last.begin > 4);
    const bool acronym = first.end - first.begin < 3 ||
                         (first.shape == Shape::kUpper && last.shape != Shape::kUpper);
    bool middle_known = true;
    for (std::size_t k = 1; k + 1 < run.n; ++k) {
      const Token& m = L(run.idx[k]);
      middle_known = middle_known && (Known(m.flags) || (m.flags & kSurnameShape) ||
                                      m.shape == Shape::kInitial || UnknownNameLike(m));
    }
    // A rarer word of the wordlists may be an unlisted given name before a listed surname
    // ("Ruddy Chambi"), not before one that is only shaped like one.
    const bool rare_first = first.flags == (kCommon | kDictionary) && run.n == 2 &&
                            run.last == run.idx[0] + 1 && first.shape == Shape::kCapital &&
                            (last.flags & kSurname) && !(last.flags & (kAmbiguousSurname | kGiven));
    if ((UnknownNameLike(first) || rare_first) && !acronym && run.n <= 4 && last_plain &&
        middle_known && !DanishGenitive(first)) {
      return Reading::kUnknownFirst;
    }
    return UnknownWords(run) ? Reading::kUnknown : Reading::kNone;
  }

  // Whether the run is part of a heading or a name of several capitalised words: "Nuevas
  // Ciclovías En Palermo", "Plan Urbano Ambiental".
  bool InTitleCase(const Run& run) {
    if (run.stop != nullptr && (IsCapitalised(*run.stop) || run.stop->shape == Shape::kInitial)) {
      return true;
    }
    const Token* before = Before(run.idx[0]);
    if (before == nullptr || !IsCapitalised(*before)) return false;
    const bool sentence_start = before->gap == Gap::kStart || before->gap == Gap::kOther ||
                                (before->gap == Gap::kDot && before->shape != Shape::kInitial);
    return !sentence_start;
  }

  // A Danish genitive starts the name of a thing: "Kræftens Bekæmpelse", "Assistens Kirkegård".
  bool DanishGenitive(const Token& t) {
    Folded f;
    FoldInto(tokens_.Text(t), f);
    return f.view().size() > 4 && (EndsWith(f.view(), "ens") || EndsWith(f.view(), "ets"));
  }

  // "Kofi Adebayo", "Mingchao Shangguan", "Call CHINEDU ASANTE in housing": two or three
  // capitalised words that no list has and that are neither ordinary words nor shaped like
  // nouns, where the text around them is not in title case. Such words are people's names more
  // often than anything else; places and organisations of that shape are listed.
  bool UnknownWords(const Run& run) {
    if (run.n < 2 || run.n > 3) return false;
    const Token& first = L(run.idx[0]);
    const bool upper = first.shape == Shape::kUpper;
    for (std::size_t k = 0; k < run.n; ++k) {
      const Token& t = L(run.idx[k]);
      const std::size_t letters = t.end - t.begin;
      if (t.shape != first.shape || !UnknownNameLike(t) || letters < (upper ? 4 : 3)) {
        return false;
      }
    }
    for (std::size_t k = 0; k + 1 < run.n; ++k) {
      if (DanishGenitive(L(run.idx[k]))) return false;
    }
    if (InTitleCase(run)) return false;
    if (!upper) return true;
    const Token* before = Before(run.idx[0]);
    // Capitals in text that has lower case around them: shouted names, not a shouted sentence.
    const Token* after = At(run.last + 1);
    return (before != nullptr && before->shape == Shape::kLower) ||
           (after != nullptr && after->shape == Shape::kLower);
  }

  Reading ReadKnown(const Run& run) { return IsKnownName(run) ? Reading::kKnown : Reading::kNone; }

  // Whether the run is a name on the strength of the lists alone.
  bool IsKnownName(const Run& run) {
    const uint32_t f0 = L(run.idx[0]).flags;
    const Token& first = L(run.idx[0]);
    if (first.shape == Shape::kInitial) return InitialsBeforeSurname(run);
    if (run.n < 2) return false;
    if (PlainGiven(f0)) return true;
    // "Nguyễn Văn An": BuildRun keeps a particle inside a run only for Vietnamese names.
    if (run.n == 3 && (f0 & kSurname) && (L(run.idx[1]).flags & kParticle)) return true;
    if (InitialBetweenNames(run)) return true;
    // "Lan Le", "Minh Le": a surname that is a particle can only be one at the end of a name.
    const Token& end = L(run.idx[run.n - 1]);
    if ((end.flags & kParticle) && (end.flags & kSurname) && end.shape == Shape::kCapital &&
        (L(run.idx[run.n - 2]).flags & kGiven)) {
      return true;
    }
    bool other_known = false;
    for (std::size_t k = 1; k < run.n; ++k) {
      const uint32_t f = L(run.idx[k]).flags;
      if (PlainSurname(f) || PlainGiven(f)) other_known = true;
    }
    if ((f0 & kGiven) && other_known) return true;
    // "Felicity Trotter", "Ivy Partridge": a given name that is also a word, then a word that is
    // no ordinary word and shaped like no noun.
    if ((f0 & kGiven) && !(f0 & (kPlace | kMonthOrDay | kVeryCommon)) && run.n == 2 &&
        UnknownNameLike(L(run.idx[1])) && L(run.idx[1]).end - L(run.idx[1]).begin >= 4 &&
        L(run.idx[1]).shape == first.shape && !InTitleCase(run)) {
      // Not after a capitalised word, even one that starts the sentence: "Plan Urbano Ambiental".
      const Token* before = Before(run.idx[0]);
      if (before == nullptr || !IsCapitalised(*before)) return true;
    }
    // "Rose Walker", "Mark Brown": a given name and a surname that are both words, neither a
    // place nor a month ("Victoria Park", "May Day") nor the surname among the most frequent.
    const uint32_t fl = L(run.idx[run.n - 1]).flags;
    if ((f0 & kGiven) && !(f0 & (kPlace | kMonthOrDay)) && (fl & kSurname) &&
        !(fl & (kPlace | kMonthOrDay | kVeryCommon)) && IsCapitalised(L(run.idx[run.n - 1]))) {
      return true;
    }
    // "Wang Wei", "Møller Susanne": a surname, then a given name.
    const uint32_t f1 = L(run.idx[1]).flags;
    if ((f0 & kSurname) && (f1 & kGiven) &&
        (!(f0 & kAmbiguousSurname) || !(f1 & kAmbiguousGiven))) {
      return true;
    }
    if (run.n == 3) return ChineseNameApart(run);
    return run.n == 2 && IsChineseName(L(run.idx[0]), L(run.idx[1]));
  }

  // "H.C. Andersen", "J. Jensen", "J.K. Rowling": initials before a surname.
  bool InitialsBeforeSurname(const Run& run) {
    if (At(run.idx[0] + 1) == nullptr || L(run.idx[0] + 1).gap != Gap::kDot) return false;
    const Token& last = L(run.idx[run.n - 1]);
    if (last.shape == Shape::kInitial) return false;
    return PlainSurname(last.flags) || (last.flags & kSurname) || UnknownNameLike(last);
  }

  // "Candela R. Paz", "Abril L. Peña": an initial between two names makes them a person's.
  // Two capitalised words no list has around an initial with its full stop are a name too:
  // "Lucila E. Zubizarreta" (not "TEMPERLEY Y SAAVEDRA", where Y is "and").
  bool InitialBetweenNames(const Run& run) {
    const Token& first = L(run.idx[0]);
    const bool given_first = (first.flags & kGiven) && !(first.flags & kPlace);
    if (run.n < 3 || !(given_first || (UnknownNameLike(first) && first.shape == Shape::kCapital))) {
      return false;
    }
    bool initial = false;
    for (std::size_t k = 1; k + 1 < run.n; ++k) {
      const bool dotted = At(run.idx[k] + 1) != nullptr && L(run.idx[k] + 1).gap == Gap::kDot;
      initial = initial || (L(run.idx[k]).shape == Shape::kInitial && (given_first || dotted));
    }
    const uint32_t fl = L(run.idx[run.n - 1]).flags;
    const uint32_t last_ok =
        kSurname | kSurnameShape | (given_first ? uint32_t{kDictionary} : uint32_t{0});
    return initial && ((fl & last_ok) || UnknownNameLike(L(run.idx[run.n - 1])));
  }

  // "Shangguan Jie Xin", "Zhang Xiu Ying", "Zi Hong Shangguan": a surname and a given name of
  // two syllables written apart, in a run of three words.
  bool ChineseNameApart(const Run& run) {
    const Token& a = L(run.idx[0]);
    const Token& b = L(run.idx[1]);
    const Token& c = L(run.idx[2]);
    auto syllable = [this](const Token& t) {
      return !(t.flags & (kTopWord | kAfterWord | kPlace)) && IsPinyin(t);
    };
    if ((a.flags & kChineseSurname) && syllable(b) && syllable(c) && IsChineseName(a, b)) {
      return true;
    }
    return (c.flags & kChineseSurname) && !(c.flags & kAmbiguousSurname) && syllable(a) &&
           syllable(b);
  }

  // Whether a run that starts with a word that also starts places ("Isla", "Santa") is a given
  // name and a surname all the same: "Isla Henderson", not "Isla Maciel" (listed) or "Santa Fe".
  bool GivenBeforeSurname(const Run& run) {
    const uint32_t f0 = L(run.idx[0]).flags;
    if (PlainGiven(f0)) return true;
    if (!(f0 & kGiven) || run.n < 2) return false;
    const uint32_t f1 = L(run.idx[1]).flags;
    return PlainSurname(f1) && !(f1 & (kPlace | kGiven));
  }

  bool IsPinyin(const Token& t) {
    Folded f;
    FoldInto(tokens_.Text(t), f);
    return f.ok && PinyinSyllables(f.view()) > 0;
  }

  // A Chinese surname and a pinyin given name, in either order: "Zhang Xiuying", "Li Na",
  // "Xiuying Zhang".
  bool IsChineseName(const Token& a, const Token& b) {
    auto pinyin_given = [this](const Token& t, bool strict) {
      if ((t.flags & kVeryCommon) && (strict || !(t.flags & kGiven))) return false;
      if (t.flags & kCommon && !(t.flags & kGiven)) return false;
      Folded f;
      FoldInto(tokens_.Text(t), f);
      const int syllables = f.ok ? PinyinSyllables(f.view()) : 0;
      if (syllables == 0) return false;
      return !strict || syllables >= 2 || (t.flags & kGiven);
    };
    if ((a.flags & kChineseSurname) && pinyin_given(b, (a.flags & kAmbiguousSurname) != 0)) {
      return true;
    }
    if (b.flags & kChineseSurname) {
      // "Xiuying Zhang", and "Ming Li" where the given name is a listed one; a surname that is
      // also a word after a given name of two syllables that is none ("Zhenhua Ren").
      if (!pinyin_given(a, true)) return false;
      if (!(b.flags & kAmbiguousSurname) || (a.flags & kGiven)) return true;
      Folded f;
      FoldInto(tokens_.Text(a), f);
      return f.ok && !(a.flags & kCommon) && a.shape == b.shape && PinyinSyllables(f.view()) >= 2;
    }
    return false;
  }

  bool TryCapitalised(std::size_t i, std::size_t* next) {
    const Token& t = L(i);
    if (t.shape == Shape::kInitial) {
      const Token* after = At(i + 1);
      if (after == nullptr || after->gap != Gap::kDot) return false;
    } else if ((t.flags & kAnyTitle) || ((t.flags & kCueWords) && !PlainGiven(t.flags)) ||
               ((t.flags & kAfterWord) && !(t.flags & kGiven)) ||
               !(Known(t.flags) || Continues(t, t) || t.flags == (kCommon | kDictionary))) {
      // A very common word that is also a name may start one ("Bo Skelsgaard"), and so may a
      // street word that is also a given name ("Kaj Kristensen").
      return false;
    }
    Run run = BuildRun(i);
    Reading reading = Read(run);
    // An unknown first word and a surname may be followed by other capitalised words: "Ditlev
    // Kjærsgaard Tlf. ...". The name is then the words up to the surname.
    while (reading == Reading::kNone && run.n > 2 && UnknownNameLike(L(run.idx[0]))) {
      --run.n;
      run.last = run.idx[run.n - 1];
      run.stop = nullptr;
      reading = Read(run);
    }
    if (reading == Reading::kNone) return false;
    // A word said twice is a place or a thing rather than a given name and a surname: "Cucha
    // Cucha", "Bora Bora"; unless a given name comes first ("Thomas Thomas").
    if (run.n == 2 && !PlainGiven(t.flags) &&
        tokens_.Text(L(run.idx[0])) == tokens_.Text(L(run.idx[1]))) {
      *next = run.last + 1;
      return false;
    }
    if ((t.flags & kBeforeWord) && !GivenBeforeSurname(run)) {  // "Santo Tomé", "Reina Maud"
      *next = run.last + 1;
      return false;
    }
    if (reading == Reading::kUnknownFirst) {
      // "Cyklisten Poulsen, Tina": an unknown word before a "Surname, Given" is no given name.
      // (A noun before a name, "Beboer Zhou Min", is a word of the wordlists: no unknown word.)
      const Token* after = At(run.last + 1);
      if (after && after->gap == Gap::kComma && (after->flags & kGiven)) return false;
    }
    if (InPlaceName(run)) {
      place_seen_ = true;
      *next = run.last + 1;
      return false;
    }
    const std::size_t last = JoinedSurname(run.last);
    Push(run.idx[0], last);
    *next = last + 1;
    return true;
  }

  // "Møller, Susanne", "Hougaard Pallesen, Palle", "MORALES ORTEGA, Ximena", "Jacobsen, Mai E.",
  // "dalgaard, oliver": one to three surnames, a comma, then given names and initials only.
  bool TryComma(std::size_t i, std::size_t* next) {
    const Token& t = L(i);
    CommaReading r;
    r.lower = t.shape == Shape::kLower;
    if ((!r.lower && !IsCapitalised(t)) || (t.flags & (kParticle | kAnyTitle | kCueWords))) {
      return false;
    }
    const std::size_t c = CommaAfterSurnames(i, r);  // the first given name
    if (c == 0) return false;
    const Token& last = L(c - 1);
    const Token& given = L(c);
    if ((last.flags & kParticle) || !r.SameCase(given)) return false;
    // "Dear Council, Charlotte is ...": an organisation greeted, then a sentence.
    if ((last.flags & kAfterWord) && !(last.flags & kSurname)) return false;
    // After a strong cue ("Navn:", "min nabo", "Hilsen") the two halves may be names no list
    // has or words: "Navn: Kirketerp, Nikoline", "hilsen smed, kirsten". After a weaker one
    // ("jeg bor sammen med", "Tak til", a colon or "skriver" after) a given name and a surname
    // that is no word: "Tak til Hvass, Kaj", "chen, xiaoqing skriver".
    const Token* past = At(c + 1);
    const Cue before = CueBefore(i);
    r.strong = before == Cue::kStrong;
    r.cued = before != Cue::kNone ||
             (past != nullptr && (past->gap == Gap::kColon ||
                                  (past->gap == Gap::kSpace && (past->flags & kSpeechVerb))));
    if (!r.GivenLike(given) || !SurnamesBeforeComma(i, c, r)) return false;
    const std::size_t g = GivenNamesAfterComma(c, r);
    // A list of whole names ("Mette Hansen, Anne Jensen") is no "Surname, Given".
    if (const Token* n = At(g + 1);
        n != nullptr && n->gap == Gap::kSpace && r.SameCase(*n) &&
        ((n->flags & (kSurname | kSurnameShape)) && !PlainGiven(n->flags))) {
      return false;
    }
    if (!CommaNameHolds(i, c, g, r)) return false;
    Push(i, g);
    *next = g + 1;
    return true;
  }

  // How TryComma reads the words of a "Surname, Given": in lower case or capitalised, and
  // after what cue.
  struct CommaReading {
    bool lower = false;
    bool cued = false;
    bool strong = false;

    bool SameCase(const Token& w) const {
      return lower ? w.shape == Shape::kLower : IsCapitalised(w);
    }
    bool GivenLike(const Token& w) const {
      if (w.flags & kGiven) return true;
      if (!cued || (w.flags & (kAnyTitle | kCueWords | kMonthOrDay))) return false;
      if (lower)
        return w.end - w.begin >= 3 &&
               (w.flags == 0 || (strong && w.flags == (kCommon | kDictionary)));
      return UnknownNameLike(w) || (strong && w.flags == (kCommon | kDictionary));
    }
  };

  // The token after the comma that ends the surnames starting at token i, joined by spaces and
  // particles; 0 when no comma follows one to three of them.
  std::size_t CommaAfterSurnames(std::size_t i, const CommaReading& r) {
    std::size_t c = i + 1;
    while (true) {
      const Token* n = At(c);
      if (n == nullptr || c > i + 3) return 0;
      if (n->gap == Gap::kComma) return c;
      if (n->gap != Gap::kSpace || (!(n->flags & kParticle) && !r.SameCase(*n))) return 0;
      ++c;
    }
  }

  // Whether the words from token i to the comma before token c may be surnames.
  bool SurnamesBeforeComma(std::size_t i, std::size_t c, const CommaReading& r) {
    for (std::size_t k = i; k + 1 < c; ++k) {
      const uint32_t f = L(k).flags;
      if (f & kParticle) continue;
      const bool word = r.strong && (f & kCommon) && !(f & kVeryCommon);
      const bool ok = r.lower ? (f & kSurname) || f == 0 || word
                              : Known(f) || (f & kSurnameShape) || UnknownNameLike(L(k)) ||
                                    (word && L(k).shape == Shape::kCapital);
      if (!ok || (f & (kTopWord | kAnyTitle | kCueWords | kMonthOrDay))) return false;
    }
    return true;
  }

  // The last of the given names and initials from token c on ("Mai E.", "Bo Mathias",
  // "aldana silvina").
  std::size_t GivenNamesAfterComma(std::size_t c, const CommaReading& r) {
    std::size_t g = c;
    while (g < c + 4) {
      const Token* n = At(g + 1);
      if (n == nullptr) break;
      // "PRIETO, Norma de los Dolores": particles, then another given name.
      if (n->gap == Gap::kSpace && n->shape == Shape::kLower && (n->flags & kParticle)) {
        std::size_t k = g + 1;
        while (At(k + 1) && L(k + 1).gap == Gap::kSpace && (L(k + 1).flags & kParticle) &&
               k < g + 3) {
          ++k;
        }
        const Token* w = At(k + 1);
        if (w == nullptr || w->gap != Gap::kSpace || !r.SameCase(*w) || !Known(w->flags)) break;
        g = k + 1;
        continue;
      }
      const bool joined =
          n->gap == Gap::kSpace || (n->gap == Gap::kDot && L(g).shape == Shape::kInitial);
      if (!joined || !((r.GivenLike(*n) && r.SameCase(*n)) || n->shape == Shape::kInitial)) {
        break;
      }
      ++g;
    }
    return g;
  }

  // Whether surnames from token i, a comma, and given names from token c to token g make a
  // name: said by a cue, or by what the lists know of the last surname and the first given name.
  bool CommaNameHolds(std::size_t i, std::size_t c, std::size_t g, const CommaReading& r) {
    if (r.cued) return true;
    const Token& last = L(c - 1);
    const Token& given = L(c);
    if (r.lower) {
      // No capital says a name here: both must be names and neither a frequent word.
      return (last.flags & kSurname) && !(last.flags & (kVeryCommon | kPlace)) &&
             !(given.flags & kVeryCommon) &&
             (!(last.flags & kCommon) || (PlainGiven(given.flags) && !(given.flags & kCommon)));
    }
    const std::string_view v = tokens_.value();
    const bool whole = i == 0 && v.find_first_not_of(' ') == L(i).begin && At(g + 1) == nullptr &&
                       v.find_last_not_of(' ') + 1 == L(g).end;
    // One of the two may be ambiguous ("Brown, James", "Skovsgaard, Lone"), not both.
    const bool surname =
        (last.flags & (kSurname | kSurnameShape)) &&
        !(last.flags & (PlainGiven(given.flags) ? kTopWord : kVeryCommon));  // "King, Rhonda"
    const bool plain_surname = PlainSurname(last.flags) && !(last.flags & kPlace);
    return (surname && (plain_surname || PlainGiven(given.flags))) ||
           (whole && (Known(last.flags) || UnknownNameLike(last) || surname) &&
            !(given.flags & kAmbiguousGiven));
  }

  // A household by its surname: "familien Hansen", "la familia Pérez Gómez", "the Smith family".
  // Only a surname that is no ordinary word: "la familia Real", "Familie Ferie i Sommerland" and
  // "the Royal family" are not households of anyone.
  bool TryHousehold(std::size_t i, std::size_t* next) {
    const auto surname = [](const Token& t) {
      return IsCapitalised(t) && (t.flags & (kSurname | kSurnameShape)) &&
             !(t.flags & (kCommon | kVeryCommon | kTopWord | kMonthOrDay | kPlace | kAnyTitle |
                          kAfterWord | kBeforeWord | kAmbiguousSurname | kDictionary));
    };
    const Token& t = L(i);
    if (t.flags & kHouseholdBefore) {
      const Token* n = At(i + 1);
      // "Flia. González"; in lower case a listed surname that is no word ("familien nielsen").
      if (n == nullptr || (n->gap != Gap::kSpace && n->gap != Gap::kDot)) return false;
      const bool lower = n->shape == Shape::kLower && (n->flags & kSurname) &&
                         !(n->flags & (kCommon | kGiven | kPlace | kDictionary));
      if (!lower && !surname(*n)) return false;
      std::size_t last = i + 1;  // and a second surname: "la familia Pérez Gómez"
      if (const Token* m = At(i + 2); m != nullptr && m->gap == Gap::kSpace && surname(*m)) {
        last = i + 2;
      }
      Push(i + 1, last);
      *next = last + 1;
      return true;
    }
    const Token* n = At(i + 1);
    if (n == nullptr || n->gap != Gap::kSpace || !(n->flags & kHouseholdAfter) || !surname(t)) {
      return false;
    }
    // Surnames that are also the adjective of a country or language: "the English family courts".
    static constexpr std::string_view kNationalities[] = {
        "English", "French", "Welsh", "Irish", "German", "Scott", "Holland", "Dutch", "Swiss",
        "Roman", "Royal", "Norman", "Britain", "England", "London", "Paris",
    };
    if (std::find(std::begin(kNationalities), std::end(kNationalities), tokens_.Text(t)) !=
        std::end(kNationalities)) {
      return false;
    }
    Push(i, i);
    *next = i + 1;
    return true;
  }

  // "fru Kjærsgaard", "Sra. Fernández", "Dr. Okonkwo", "la señora garcía", "pastor Jespersen",
  // "el profe Cabello", "Nurse Stone", "father robinson".
  bool TryTitle(std::size_t i, std::size_t* next) {
    const Token* n = At(i + 1);
    if (n == nullptr || (n->gap != Gap::kSpace && n->gap != Gap::kDot)) return false;
    // "la Sra. de Fernández", "Doña María del Carmen", "sra. de la cruz": particles, then the
    // name.
    if (n->shape == Shape::kLower && (n->flags & kParticle)) return TryTitleParticles(i, next);
    // Weak titles and family words are ordinary words too: a name after one must be no word.
    const bool weak = !(L(i).flags & (kStrongTitle | kRoleTitle));
    if (IsCapitalised(*n) || n->shape == Shape::kInitial) {
      return TryTitleCapitalised(i, weak, next);
    }
    return TryTitleLower(i, weak, next);
  }

  // The title at token i, particles, then the name.
  bool TryTitleParticles(std::size_t i, std::size_t* next) {
    const Token& title = L(i);
    std::size_t k = i + 1;
    while (At(k + 1) && L(k + 1).gap == Gap::kSpace && (L(k + 1).flags & kParticle) && k < i + 3) {
      ++k;
    }
    const Token* after = At(k + 1);
    if (after == nullptr || after->gap != Gap::kSpace) return false;
    if (IsCapitalised(*after) && (Known(after->flags) || (after->flags & kSurnameShape))) {
      const Run run = BuildRun(k + 1, /*relaxed=*/true);
      Push(i + 1, run.last);
      *next = run.last + 1;
      return true;
    }
    if (after->shape == Shape::kLower && (after->flags & kSurname) && !(after->flags & kTopWord) &&
        (title.flags & kStrongTitle)) {
      Push(i + 1, k + 1);
      *next = k + 2;
      return true;
    }
    return false;
  }

  // The title at token i, then a capitalised name or an initial.
  bool TryTitleCapitalised(std::size_t i, bool weak, std::size_t* next) {
    const Token& title = L(i);
    const Token* n = &L(i + 1);
    if (n->shape == Shape::kInitial) {
      const Token* after = At(i + 2);
      if (after == nullptr || after->gap != Gap::kDot) return false;
    } else if ((n->flags & (kMonthOrDay | kAnyTitle)) ||
               ((n->flags & kAfterWord) && !(n->flags & kSurname)) ||
               (!Known(n->flags) &&
                ((n->flags & (kVeryCommon | kCueWords)) || (weak && (n->flags & kCommon)))) ||
               (Known(n->flags) && (n->flags & kTopWord)) ||
               !(Known(n->flags) || Continues(*n, *n, false, /*relaxed=*/!weak))) {
      return false;
    }
    // "The caretaker Brown-Gallagher, Eric": the title, then "Surname, Given".
    if (TryComma(i + 1, next)) return true;
    const Run run = BuildRun(i + 1, /*relaxed=*/true);
    // "Av. Don Ramón de la Cruz", "Calle Doctor Luis Agote": a street named after the person.
    const Token* street = Before(i);
    if ((run.stop && (run.stop->flags & kAfterWord)) || IsPlacePhrase(run, &title) ||
        (street != nullptr && (street->flags & kBeforeWord) && !(street->flags & kAnyTitle))) {
      place_seen_ = true;
      *next = run.last + 1;
      return false;
    }
    const std::size_t last = JoinedSurname(run.last);
    Push(run.idx[0], last);
    *next = last + 1;
    return true;
  }

  // The title at token i, then a name in lower case.
  bool TryTitleLower(std::size_t i, bool weak, std::size_t* next) {
    const Token& title = L(i);
    const Token* n = &L(i + 1);
    // "pedel hvass", "pastor agerskov": after an occupation a word that is no word at all.
    if (n->shape == Shape::kLower && n->flags == 0 && !weak && n->end - n->begin >= 4) {
      Push(i + 1, i + 1);
      *next = i + 2;
      return true;
    }
    if (n->shape != Shape::kLower || !Known(n->flags) || (n->flags & kVeryCommon)) return false;
    // In lower case: after a family word only a surname that is no word ("father murphy", not
    // "my father john"); after an occupation a given name or a surname, if a word a surname.
    if ((title.flags & kFamilyTitle) && !(title.flags & (kStrongTitle | kRoleTitle))) {
      if (!(n->flags & kSurname) || (n->flags & (kCommon | kGiven))) return false;
    } else if ((n->flags & kCommon) && !(n->flags & kSurname)) {
      return false;
    }
    // The surnames after it, and given names between ("la presidenta graciela mercedes
    // ledesma"), up to the last surname.
    std::size_t last = i + 1;
    for (std::size_t k = i + 2; k <= i + kMaxNameWords; ++k) {
      const Token* w = At(k);
      // "la señora maría del carmen lópez": particles, then another name.
      if (w != nullptr && w->gap == Gap::kSpace && w->shape == Shape::kLower &&
          (w->flags & kParticle) && At(k + 1) != nullptr && L(k + 1).gap == Gap::kSpace &&
          L(k + 1).shape == Shape::kLower && Known(L(k + 1).flags) &&
          !(L(k + 1).flags & (kVeryCommon | kMonthOrDay))) {
        ++k;
        last = k;
        continue;
      }
      if (w == nullptr || w->gap != Gap::kSpace || w->shape != Shape::kLower || !Known(w->flags) ||
          (w->flags & (kVeryCommon | kMonthOrDay))) {
        break;
      }
      if (w->flags & kSurname) last = k;
    }
    Push(i + 1, last);
    *next = last + 1;
    return true;
  }

  // How strongly the words just before token s say that a person's name starts there: a
  // sign-off, a label, a relation or a naming verb ("Mvh.", "Navn:", "min nabo", "my name is",
  // "me llamo") is strong; a verb that takes a person ("Spørg", "talked to", "hablé con"), or a
  // name just found and a conjunction ("Ama Mensah og ..."), is weak.
  // The rules at a token ask this up to four times; it is read once per token and finding.
  Cue CueBefore(std::size_t s) {
    if (!cue_cached_ || cue_token_ != s || cue_taken_ != taken_.size()) {
      cue_ = ReadCueBefore(s);
      cue_token_ = s;
      cue_taken_ = taken_.size();  // names found since may make a conjunction a cue
      cue_cached_ = true;
    }
    return cue_;
  }
  Cue ReadCueBefore(std::size_t s) {
    const Token& t = L(s);
    if (const Cue zh = ChineseCueBefore(t.begin); zh != Cue::kNone) return zh;
    if (s == 0) return Cue::kNone;
    const Token& p = L(s - 1);
    // A relation, a sign-off or an occupation, then the name, perhaps in brackets: "Lægen (Bo
    // Kaj Bonde) sagde", "my GP, Ivy White,".
    if ((p.flags & kPersonCue) || ((p.flags & kRoleTitle) && IsTitle(p))) return Cue::kStrong;
    if (t.gap == Gap::kColon && (p.flags & kLabel)) return Cue::kStrong;
    if (t.gap != Gap::kSpace && t.gap != Gap::kColon && t.gap != Gap::kComma &&
        t.gap != Gap::kDot) {
      return Cue::kNone;
    }
    if (s >= 2 && (p.flags & kCopula) && p.gap == Gap::kSpace && (L(s - 2).flags & kPersonCue)) {
      return Cue::kStrong;  // "my name is", "min kontaktperson er", "mi referente es"
    }
    if (p.flags & kPersonVerb) return Cue::kWeak;
    if (s >= 2 && p.gap == Gap::kSpace && (p.flags & (kPersonPreposition | kConjunction))) {
      const Token& pp = L(s - 2);
      if ((p.flags & kPersonPreposition) && (pp.flags & kPersonVerb)) return Cue::kWeak;
      // "filled in by", "signed off by": a verb, a particle, the preposition.
      if ((p.flags & kPersonPreposition) && s >= 3 && (L(s - 3).flags & kPersonVerb)) {
        const std::string_view particle = tokens_.Text(pp);
        if (particle == "in" || particle == "out" || particle == "off" || particle == "up") {
          return Cue::kWeak;
        }
      }
      if ((p.flags & kConjunction) && taken_.size() > earlier_ &&
          taken_.back().finding.end == pp.end) {
        return Cue::kWeak;
      }
    }
    return Cue::kNone;
  }

  // A name in Latin letters in Chinese text, after the words that introduce a person: "我叫Coco
  // Fang", "联系人：Li Na", "请找 Zhang Wei", "谢谢Ping He".
  Cue ChineseCueBefore(std::size_t begin) {
    std::string_view before = tokens_.value().substr(0, begin);
    while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
    for (std::string_view colon : {":", "\uff1a"}) {
      if (before.ends_with(colon)) before.remove_suffix(colon.size());
    }
    // UTF-8 Han characters are three bytes: a cheap test of the last byte's lead first.
    if (before.size() < 3 || static_cast<unsigned char>(before[before.size() - 3]) < 0xE3) {
      return Cue::kNone;
    }
    static constexpr std::string_view kStrong[] = {"叫", "名字是", "我是", "联系人", "姓名",
                                                   "署名", "签名", "负责人"};
    static constexpr std::string_view kWeak[] = {"找", "问", "给", "和", "跟", "谢谢", "感谢",
                                                 "联系", "是", "与", "同"};
    for (std::string_view w : kStrong) {
      if (before.ends_with(w)) return Cue::kStrong;
    }
    for (std::string_view w : kWeak) {
      if (before.ends_with(w)) return Cue::kWeak;
    }
    return Cue::kNone;
  }

  // Whether the token after `last` says the words before it are a person's: a colon ("Tuan
  // Dang: I'm unhappy") or a verb of saying ("Ama Mensah wrote").
  Cue CueAfter(std::size_t last) {
    const Token* a = At(last + 1);
    if (a == nullptr) return Cue::kNone;
    if (a->gap == Gap::kColon) return Cue::kWeak;
    if (a->gap == Gap::kSpace && (a->flags & kSpeechVerb)) return Cue::kStrong;
    return Cue::kNone;
  }

  // A capitalised name after (or before) a cue: its words may be unknown or ordinary words.
  // After a weak cue it needs a given name or an unknown word first and a surname or an unknown
  // word last ("I arranged with Jack White", not "with Victoria Park").
  bool TryCued(std::size_t i, Cue cue, std::size_t* next) {
    const Token& t = L(i);
    if (t.shape == Shape::kLower) return TryCuedLower(i, cue, next);
    if (t.shape == Shape::kInitial) {
      const Token* after = At(i + 1);
      if (after == nullptr || after->gap != Gap::kDot) return false;
    } else if (!IsCapitalised(t) || (t.flags & (kAnyTitle | kMonthOrDay | kParticle)) ||
               ((t.flags & kCueWords) && !PlainGiven(t.flags)) ||
               ((t.flags & kAfterWord) && !PlainGiven(t.flags)) ||
               (!Known(t.flags) && !UnknownNameLike(t) && !(t.flags & kSurnameShape) &&
                t.flags != (kCommon | kDictionary)) ||
               ((t.flags & kTopWord) && !(t.flags & kGiven)) || t.end - t.begin < 2) {
      return false;
    }
    const Run run = BuildRun(i, /*relaxed=*/true);
    // "Cheers Ruddy Chambi": a rarer word first needs a known name after it.
    if (t.flags == (kCommon | kDictionary) && !Known(L(run.idx[run.n - 1]).flags)) return false;
    if (run.n < 2 || ((t.flags & kBeforeWord) && !GivenBeforeSurname(run)) ||
        (!Known(t.flags) && DanishGenitive(t))) {
      return false;
    }
    const Cue after = CueAfter(run.last);
    if (after > cue) cue = after;
    if (cue == Cue::kNone) return false;
    if (cue == Cue::kWeak) {
      const Token& first = L(run.idx[0]);
      const Token& last = L(run.idx[run.n - 1]);
      const bool first_ok = Known(first.flags) || first.shape == Shape::kInitial ||
                            UnknownNameLike(first) || first.flags == (kCommon | kDictionary);
      // A rarer word of the wordlists last after a given name: "I live with Ivy Partridge".
      const bool last_ok = (last.flags & (kSurname | kSurnameShape)) || UnknownNameLike(last) ||
                           ((last.flags & kDictionary) && (first.flags & kGiven));
      if (!first_ok || !last_ok) return false;
    }
    // "Victoria Park", "Alexandra Palace": a street or place word that is no plain surname last.
    const uint32_t last_flags = L(run.idx[run.n - 1]).flags;
    if (InPlaceName(run) || ((last_flags & kAfterWord) && !PlainSurname(last_flags))) {
      place_seen_ = true;
      *next = run.last + 1;
      return false;
    }
    const std::size_t last = JoinedSurname(run.last);
    Push(run.idx[0], last);
    *next = last + 1;
    return true;
  }

  // The same in lower case: "hilsen faduma abdi", "min nabo mai lykke", "my name is thao le",
  // "ashley k. roberts: ...". Two to four words that are names or no word at all, one of them a
  // known name; after a weak cue a given name first and a surname last.
  bool TryCuedLower(std::size_t i, Cue cue, std::size_t* next) {
    const LowerWords read = ReadLowerWords(i, cue);
    const std::array<std::size_t, kMaxNameWords>& words = read.idx;
    const std::size_t n = read.n, known = read.known, rare = read.rare;
    // An initial and a surname are enough: "vivo con m. rey".
    const bool initial_first = n > 0 && words[0] > i;
    if (n < (initial_first ? 1 : 2)) return false;
    const Cue after = CueAfter(words[n - 1]);
    if (after > cue) cue = after;
    if (cue == Cue::kNone) return false;
    const uint32_t first = L(words[0]).flags, last = L(words[n - 1]).flags;
    if (initial_first && n == 1 && !(first & kSurname)) return false;
    // Words no list has make a name only after a strong cue, and only when they are no words at
    // all: "cheers ostap m. hnatyuk", not "nombre simbólico".
    if (known == 0 && (cue != Cue::kStrong || rare > 0)) return false;
    // After a weak cue: a given name or an unknown word first, a surname or an unknown word
    // last, and a surname that is one of the most frequent words only after a given name.
    if (cue == Cue::kWeak &&
        (!(Known(first) || first == 0 || initial_first) || !((last & kSurname) || last == 0) ||
         ((last & kVeryCommon) && !(first & kGiven) && !initial_first))) {
      return false;
    }
    if ((first & kBeforeWord) && (first & kGiven) && !PlainGiven(first)) {
      return false;  // "línea sarmiento"
    }
    // The first word may be an initial written before it.
    std::size_t begin = words[0];
    if (begin > i) begin = i;
    Push(begin, words[n - 1]);
    *next = words[n - 1] + 1;
    return true;
  }

  // The words of a name in lower case from token i on, as read after `cue`: known names, and
  // words no list has, with the initials between left out.
  struct LowerWords {
    std::array<std::size_t, kMaxNameWords> idx{};
    std::size_t n = 0;
    std::size_t known = 0;  // words the lists know as names
    std::size_t rare = 0;   // rarer words of the wordlists
  };
  LowerWords ReadLowerWords(std::size_t i, Cue cue) {
    LowerWords out;
    for (std::size_t k = i; out.n < 4;) {
      const Token* w = At(k);
      if (w == nullptr || w->shape != Shape::kLower) break;
      if (k > i && w->gap != Gap::kSpace &&
          !(w->gap == Gap::kDot && L(k - 1).end - L(k - 1).begin == 1)) {
        break;
      }
      const std::size_t letters = w->end - w->begin;
      const Token* after = At(k + 1);
      if (letters == 1 && after != nullptr && after->gap == Gap::kDot &&
          after->shape == Shape::kLower) {
        ++k;  // an initial: "sophie r. sutcliffe", "f. thorsen"
        continue;
      }
      const Token* then = At(k + 1);
      if ((w->flags & kParticle) && out.n > 0) {
        // "mariana de los remedios ramos": particles, then a name.
        std::size_t p = k;
        while (At(p + 1) && L(p + 1).gap == Gap::kSpace && (L(p + 1).flags & kParticle) &&
               p < k + 2) {
          ++p;
        }
        const Token* name = At(p + 1);
        if (name != nullptr && name->gap == Gap::kSpace && name->shape == Shape::kLower &&
            Known(name->flags) && !(name->flags & kTopWord)) {
          k = p + 1;
          continue;
        }
      }
      // One of the most frequent words is a name only as a surname at the end of one after a
      // strong cue: "my name is thao le and ...".
      const bool top_surname = cue == Cue::kStrong && out.n > 0 && (w->flags & kSurname) &&
                               (then == nullptr || then->gap != Gap::kSpace ||
                                !Known(then->flags) || (then->flags & kTopWord));
      // ... or as a given name first before a surname: "hej liv brix her", "mvh bo jensen".
      const bool top_given = cue == Cue::kStrong && out.n == 0 && (w->flags & kGiven) &&
                             then != nullptr && then->gap == Gap::kSpace &&
                             then->shape == Shape::kLower && (then->flags & kSurname) &&
                             !(then->flags & kTopWord);
      // A month that is a given name inside one: "thiago abril rodríguez".
      const bool month_given = (w->flags & kGiven) && then != nullptr && then->gap == Gap::kSpace &&
                               then->shape == Shape::kLower && Known(then->flags);
      const bool is_known = Known(w->flags) && !(w->flags & (kCueWords | kAnyTitle)) &&
                            (!(w->flags & kMonthOrDay) || month_given) &&
                            (!(w->flags & kTopWord) || top_surname || top_given);
      // A rarer word of the wordlists may be a name too ("ruddy chambi", "jasmine partridge"),
      // but never makes one on its own.
      const bool rare_word = w->flags == (kCommon | kDictionary);
      const bool unknown = (w->flags == 0 || rare_word) && letters >= 3;
      if (!is_known && !unknown) break;
      out.known += is_known ? 1 : 0;
      out.rare += rare_word ? 1 : 0;
      out.idx[out.n++] = k++;
    }
    return out;
  }

  bool LowerShaped(const Token& t) {
    Folded f;
    FoldInto(tokens_.Text(t), f);
    return f.ok && LowerCaseSurnameShaped(f.view());
  }

  // Chat-style lower case: "jeg talte med mette hansen i går", "hablé con juan pérez".
  bool TryLowerCase(std::size_t i, std::size_t* next) {
    const Token& t = L(i);
    if ((t.shape != Shape::kLower && !IsCapitalised(t)) || (t.flags & kParticle)) return false;
    const Token* b = At(i + 1);
    if (b == nullptr) return false;
    if (t.shape == Shape::kLower && t.end - t.begin == 1 && b->gap == Gap::kDot &&
        b->shape == Shape::kLower) {
      return TryLowerInitial(i, next);
    }
    if (b->gap != Gap::kSpace) return false;
    if (t.shape != Shape::kLower && b->shape != Shape::kLower) return false;
    if (b->shape != Shape::kLower && !IsCapitalised(*b)) return false;
    if ((t.flags & kChineseSurname) && !(t.flags & (kCommon | kAmbiguousSurname)) &&
        IsChineseName(t, *b)) {
      Run run;
      run.idx[run.n++] = i;
      run.idx[run.n++] = i + 1;
      run.last = i + 1;
      *next = i + 2;
      if (InPlaceName(run)) return false;  // "hong kong"
      Push(i, i + 1);
      return true;
    }
    if (!(t.flags & kGiven)) return false;
    if ((t.flags & kBeforeWord) && !PlainGiven(t.flags)) return false;  // "línea sarmiento"
    // One of the 250 most frequent words is a name in lower case only if it is one of the
    // few names that are ("hans jensen", "per hansen"), not "us dvorak" or "pero lópez".
    if ((t.flags & kTopWord) && !TopWordName(t)) return false;
    // A given name that is also a word, a month or a place needs a surname that is none.
    const bool first_common = (t.flags & (kCommon | kPlace | kMonthOrDay)) != 0;
    const std::size_t found = LowerSurnameEnd(i, first_common);
    if (found == 0) return false;
    const std::size_t last_surname = JoinedSurname(found);
    Run run;
    for (std::size_t k = i; k <= last_surname && run.n < kMaxNameWords; ++k) {
      if (!(L(k).flags & kParticle)) run.idx[run.n++] = k;
    }
    run.last = last_surname;
    if (InPlaceName(run)) {  // "hong kong", "republikken sierra leone"
      *next = last_surname + 1;
      return false;
    }
    Push(i, last_surname);
    *next = last_surname + 1;
    return true;
  }

  // The last surname of a name in lower case whose given name is token i: its words joined by
  // spaces, particles and a middle initial. 0 when no surname follows.
  std::size_t LowerSurnameEnd(std::size_t i, bool first_common) {
    const Token& t = L(i);
    std::size_t last_surname = 0;
    std::size_t j = i;
    for (std::size_t words = 1; words < kMaxNameWords; ++words) {
      const Token* n = At(j + 1);
      const bool after_initial = L(j).shape == Shape::kLower && L(j).end - L(j).begin == 1;
      if (n == nullptr || (n->gap != Gap::kSpace && !(after_initial && n->gap == Gap::kDot)) ||
          (n->shape != Shape::kLower && !IsCapitalised(*n))) {
        break;
      }
      if (n->shape == Shape::kLower && n->end - n->begin == 1 && At(j + 2) != nullptr &&
          L(j + 2).gap == Gap::kDot && L(j + 2).shape == Shape::kLower && last_surname == 0) {
        ++j;  // a middle initial: "sophie r. sutcliffe", "magnus d. østergaard"
        continue;
      }
      if ((n->flags & kParticle) && (last_surname != 0 || j == i)) {
        // "gómez de la torre", "rosario de la fuente": particles before a surname.
        std::size_t k = j + 1;
        while (At(k + 1) && L(k + 1).gap == Gap::kSpace && (L(k + 1).flags & kParticle) &&
               k < j + 3) {
          ++k;
        }
        const Token* after = At(k + 1);
        // A capitalised given name keeps its surname capitalised after the particles: "Estrella
        // del barrio" is a phrase, "Estrella del Barrio" may be a name.
        const bool case_kept = after == nullptr || t.shape == Shape::kLower ||
                               IsCapitalised(*after) || !(after->flags & (kCommon | kAfterWord));
        if (after && after->gap == Gap::kSpace && (after->flags & kSurname) && case_kept &&
            (last_surname != 0 || !(after->flags & kVeryCommon))) {
          j = last_surname = k + 1;
          continue;
        }
        break;
      }
      // "malthe holmstrup": an unlisted farm name after a plain given name; "rhys bethan
      // rowntree": any unlisted word after two given names.
      if (n->shape == Shape::kLower && !first_common && last_surname == 0 &&
          ((n->flags == 0 && LowerShaped(*n)) ||
           ((n->flags == 0 || n->flags == (kCommon | kDictionary)) && j > i &&
            n->end - n->begin >= 4))) {
        j = last_surname = j + 1;
        continue;
      }
      if (!Known(n->flags) || (n->flags & (kMonthOrDay | kParticle))) break;
      if ((n->flags & kPlace) && !(n->flags & (kSurname | kGiven))) break;
      // After a plain given name, a surname may be a frequent word but not one of the most
      // frequent ("john white", not "anne said").
      const bool strong = (n->flags & kSurname) &&
                          (first_common ? !(n->flags & (kCommon | kPlace))
                                        : !(n->flags & kTopWord) &&
                                              (!(n->flags & kVeryCommon) || PlainGiven(t.flags)));
      if (strong || (last_surname != 0 && (n->flags & kSurname))) {
        last_surname = j + 1;
      } else if (!(n->flags & kGiven) || last_surname != 0) {
        break;
      }
      ++j;
    }
    return last_surname;
  }

  // "f. thorsen", "m. graversen michelsen", "a. owen": an initial in lower case, then surnames
  // that are no ordinary words.
  bool TryLowerInitial(std::size_t i, std::size_t* next) {
    std::size_t last = i;
    for (std::size_t k = i + 1; k <= i + 3; ++k) {
      const Token* w = At(k);
      if (w == nullptr || w->shape != Shape::kLower || (w->gap != Gap::kSpace && k > i + 1) ||
          !(w->flags & kSurname) || (w->flags & (kCommon | kPlace))) {
        break;
      }
      last = k;
    }
    if (last == i) return false;
    Push(i, last);
    *next = last + 1;
    return true;
  }

  // Old Spanish usage joins two surnames with "y": "Manuel Iturralde y Ledesma", "estela molina y
  // romero". The token of the surname the name ends with, or `last` when no such join follows.
  std::size_t JoinedSurname(std::size_t last) {
    const Token* y = At(last + 1);
    const Token* s = At(last + 2);
    if (y == nullptr || s == nullptr || y->gap != Gap::kSpace || s->gap != Gap::kSpace ||
        tokens_.Text(*y) != "y") {
      return last;
    }
    const bool lower = L(last).shape == Shape::kLower;
    if (lower ? s->shape != Shape::kLower : !IsCapitalised(*s)) return last;
    if (!(s->flags & (kSurname | kSurnameShape)) || (s->flags & (kTopWord | kAnyTitle))) {
      return last;
    }
    if (lower && (s->flags & (kCommon | kPlace))) return last;
    // "Marín y Milagros Blanco": another name starts there; "Mariani y MIRANDA, Damian": the
    // surname of a "Surname, Given".
    const Token* after = At(last + 3);
    if (after != nullptr && after->gap == Gap::kComma && (after->flags & kGiven)) return last;
    if (after != nullptr && after->gap == Gap::kSpace &&
        (lower ? Known(after->flags) && after->shape == Shape::kLower : IsCapitalised(*after))) {
      return last;
    }
    return last + 2;
  }

  // A whole cell of two to four words in any case, a given name first and a surname last:
  // "søren østergaard", "bo jensen".
  void WholeCell() {
    // Scan has lexed every token by now; the ring holds them all only when there are few.
    if (place_seen_ || tokens_.lexed() > 4) return;
    const Token* first = At(0);
    if (first == nullptr || first->gap != Gap::kStart) return;
    std::size_t n = 1;
    while (const Token* t = At(n)) {
      if (t->gap != Gap::kSpace || n >= 4) return;
      ++n;
    }
    if (n < 2) return;
    const std::string_view v = tokens_.value();
    const Token& last = L(n - 1);
    if (v.find_first_not_of(' ') != first->begin || v.find_last_not_of(' ') + 1 != last.end) {
      return;
    }
    Run run;
    for (std::size_t k = 0; k < n && k < kMaxNameWords; ++k) run.idx[run.n++] = k;
    run.last = n - 1;
    if (IsPlacePhrase(run, nullptr)) return;
    const uint32_t f = first->flags, l = last.flags;
    if ((f & kGiven) && (l & kSurname) && !((f & kAmbiguousGiven) && (l & kAmbiguousSurname)) &&
        !(f & kPlace) && !(l & (kPlace | kAfterWord))) {
      Push(0, n - 1);
    }
  }

  TokenRing tokens_;
  const Lexicon& lexicon_;
  Candidates& taken_;
  const std::size_t earlier_;  // findings of the detectors that ran before, at the front of taken_
  const TakenSpans earlier_spans_;  // the same, for overlap queries in logarithmic time
  bool place_seen_ = false;         // a run was left alone as a street or place
  // CueBefore's last answer: for token cue_token_ when taken_ held cue_taken_ findings.
  bool cue_cached_ = false;
  std::size_t cue_token_ = 0;
  std::size_t cue_taken_ = 0;
  Cue cue_ = Cue::kNone;
};

}  // namespace

void NameDetector::Impl::Find(std::string_view v, Candidates& taken) const {
  Matcher(v, lexicon, taken).Scan();
}

NameDetector::NameDetector() : impl_(std::make_unique<const Impl>()) {}
NameDetector::~NameDetector() = default;

void NameDetector::Find(std::string_view v, Candidates& taken) const { impl_->Find(v, taken); }

bool NameDetector::IsLoneName(std::string_view value) const {
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  if (value.size() < 2 || value.size() > 40) return false;
  for (char c : value) {
    if (c == ' ' || (c >= '0' && c <= '9') || c == '@') return false;
  }
  const uint32_t flags = impl_->LookUp(value);
  return Known(flags) && !(flags & (kAmbiguousGiven | kAmbiguousSurname | kCommon | kPlace |
                                    kPlacePhrase | kMonthOrDay | kStrongTitle | kWeakTitle |
                                    kAfterWord | kBeforeWord | kParticle));
}

}  // namespace citynet::privacy::internal
