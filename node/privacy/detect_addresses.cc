#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "node/privacy/internal/text_identifiers.h"
#include "node/privacy/internal/text_scan.h"

namespace citynet::privacy::internal {
namespace {

// ---------------------------------------------------------------------------------------------
// Street addresses. A house number is the anchor: a street name before it (Danish, Spanish,
// German: "Nørrebrogade 12", "Av. Corrientes 1234") or after it (English, French: "12 Main
// Street"), then what may follow it (floor, side, flat, postcode and town). A name is a street
// when it says so (a street word or suffix), or when what follows the number (a floor, a flat,
// a postcode) or the words before it ("bor på", "vive en", "address") say that it is one.
// Chinese addresses are read separately: a road or compound name, then numbers with 号, 栋,
// 单元, 室...

// Lower-case word lists are compared with whole words, ignoring case.
template <std::size_t N>
bool WordIn(std::string_view v, const Word& w, const std::string_view (&set)[N]) {
  for (std::string_view s : set) {
    if (s.size() == w.size() && StartsWithFolded(v, w.begin, s)) return true;
  }
  return false;
}
bool WordIn(std::string_view v, const Word& w, const WordSet& set) {
  return set.Contains(v, w.begin, w.end);
}

// The word ends with `suffix` (lower case) after at least `stem` more bytes.
bool EndsWithFolded(std::string_view v, const Word& w, std::string_view suffix, std::size_t stem) {
  if (w.size() < suffix.size() + stem) return false;
  return StartsWithFolded(v, w.end - suffix.size(), suffix);
}

// clang-format off

// Words that name a kind of street before the name: Spanish, Catalan, Italian, Portuguese,
// French. Abbreviations match with or without their dot.
constexpr std::string_view kPrefixTypesList[] = {
    "av", "avda", "avd", "avenida", "calle", "cl", "cll", "bv", "bvd", "bvard", "bvar",
    "bulevar", "boulevard", "blvd", "pasaje", "pje", "psje", "pasj", "plaza", "pza", "paseo",
    "camino", "cno", "diagonal", "diag", "ronda", "travesía", "travesia", "trav", "carrer",
    "rambla", "costanera", "viale", "piazza", "corso", "rua", "avinguda", "avgda", "passeig",
    "plaça", "carretera", "ctra", "glorieta", "callejón", "callejon", "cuesta", "senda", "rue",
    "avenue", "allée", "chemin", "impasse", "quai", "calzada", "prolongación", "autopista",
    "pasillo", "peatonal", "vía",
};
constexpr WordSet kPrefixTypes(kPrefixTypesList);

// Street suffixes of compound names: Danish, Norwegian, Swedish, German, Dutch. The stem before
// them must have at least two letters ("Nyhavn", "Nørrebrogade", "Hauptstraße").
constexpr std::string_view kStreetSuffixesList[] = {
    "gade", "gaden", "vej", "vejen", "allé", "alléen", "plads", "pladsen", "torv", "torvet",
    "stræde", "strædet", "vænge", "vænget", "parken", "haven", "bakken", "bakke", "høj", "højen",
    "vang", "vangen", "stien", "kaj", "kajen", "broen", "diget", "gården", "gård", "toften",
    "toft", "holmen", "ageren", "engen", "skoven", "stranden", "gyde", "passage", "hegnet",
    "hegn", "løkke", "løkken", "lunden", "marken", "krogen", "krog", "runddel", "promenade",
    "brygge", "bryggen", "kanal", "kanalen", "havn", "havnen", "gangen", "sletten", "slette",
    "volden", "vold", "mølle", "møllen", "buen", "trappe", "kilden", "næs", "odde", "søen",
    "dalen", "straße", "strasse", "platz", "gasse", "damm", "ufer", "chaussee", "steig", "pfad",
    "straat", "plein", "gracht", "singel", "gatan", "vägen", "gränd", "torget", "stigen",
    "veien", "gata", "gaten", "street", "boulevard",
};
constexpr WordSet kStreetSuffixes(kStreetSuffixesList);
// Suffixes that end ordinary words too ("behave", "Norweg"): three letters of stem at least.
// Not "alle": "Calle", "Valle", "Lavalle" are Spanish.
constexpr std::string_view kShortStemRiskySuffixesList[] = {
    "park", "have", "bro", "dige", "holm", "lund", "strand", "weg",
    "allee", "laan", "kade", "road",
};
constexpr WordSet kShortStemRiskySuffixes(kShortStemRiskySuffixesList);

// Words that are street types by themselves after the name ("H.C. Andersens Boulevard",
// "Sankt Hans Torv", "Peter Bangs Vej", "Baker Street" written before its number).
// Definite forms ("Ved Stranden", "Gammel Torvet") count too.
constexpr std::string_view kTypeWordsList[] = {
    "vej", "vejen", "gade", "gaden", "allé", "alle", "boulevard", "plads", "pladsen", "torv",
    "torvet", "stræde", "strædet", "vænge", "vænget", "have", "haven", "park", "parken", "kaj",
    "kajen", "bro", "broen", "passage", "runddel", "promenade", "brygge", "bryggen", "kanal",
    "kanalen", "strand", "stranden", "sti", "stien", "høj", "bakke", "bakken", "vang", "toft",
    "lund", "straße", "strasse", "weg", "platz", "gasse", "allee", "street", "road", "avenue",
    "lane", "str", "havn", "havnen", "diget", "volden", "vía", "via",
};
constexpr WordSet kTypeWords(kTypeWordsList);

// Names of places that end like streets: "Nørrebro 3" is not an address.
constexpr std::string_view kPlacesLikeStreetsList[] = {
    "københavn", "nordhavn", "sydhavn", "frederikshavn", "nørrebro", "østerbro", "vesterbro",
    "albertslund", "bornholm", "stockholm", "kastrup", "amager", "christianshavn", "islands",
};
constexpr WordSet kPlacesLikeStreets(kPlacesLikeStreetsList);

// Words in names that precede a compound street name ("Gammel Kongevej", "Store
// Kongensgade", "Nørre Voldgade", "Sankt Pauls Gade").
constexpr std::string_view kNamePrefixesList[] = {
    "gammel", "gl", "ny", "nye", "store", "st", "lille", "ll", "nørre", "sønder", "øster",
    "vester", "nord", "syd", "nordre", "søndre", "østre", "vestre", "gamle", "nyt", "sankt", "skt", "sct", "kongens", "dronning", "dronningens",
    "prins", "prinsesse", "kong", "hellig", "gamle", "indre", "ydre", "nedre", "øvre", "frue",
    "lange", "korte", "alte", "neue", "große", "kleine", "obere", "untere",
};
constexpr WordSet kNamePrefixes(kNamePrefixesList);

// Small words inside street names: "Avenida de Mayo", "Paseo de la Castellana".
constexpr std::string_view kConnectorsList[] = {
    "de", "del", "la", "las", "los", "y", "e", "da", "do", "dos", "das", "di", "von", "van",
    "der", "of", "the", "el", "le", "du", "des", "den", "af",
};
constexpr WordSet kConnectors(kConnectorsList);

// Capitalised words that begin sentences or clauses, not street names ("I Nørrebrogade 12",
// "En Lavalle 1578").
constexpr std::string_view kNotNameWordsList[] = {
    "i", "på", "til", "fra", "hos", "om", "og", "men", "vi", "jeg", "du", "han", "hun", "den",
    "det", "der", "min", "mit", "vores", "the", "in", "at", "on", "to", "from", "my", "our",
    "we", "he", "she", "it", "their", "his", "her", "vivo", "vive", "mi", "su", "desde",
    "hasta", "para", "por", "en", "hola", "hi", "hej", "dear", "kære", "adresse", "address",
    "dirección", "direccion", "domicilio", "bopæl", "and", "y", "or", "o", "eller",
    "is", "er", "es", "near", "nær", "cerca", "by", "mod", "toward", "towards",
    "hacia", "efter", "after", "before", "før", "with", "med", "con", "visit", "besøg",
    "see", "se", "ver", "call", "ring", "send", "envíe", "envie", "mande",
    "bor", "live", "lives", "lived", "vivo", "vivimos", "viven", "calle", "street",
};
constexpr WordSet kNotNameWords(kNotNameWordsList);

// Last words of names that are not streets: "Fase 2", "Uge 12", "Linje 5", "Windows 10".
constexpr std::string_view kNotStreetWordsList[] = {
    "fase", "phase", "uge", "week", "semana", "kapitel", "chapter", "capítulo", "capitulo",
    "linje", "line", "línea", "linea", "bus", "ruta", "route", "zone", "zona", "level",
    "nivel", "niveau", "trin", "step", "paso", "etape", "etapa", "klasse", "class", "grade",
    "grado", "runde", "round", "model", "modelo", "version", "versión", "windows", "iphone",
    "agenda", "vision", "plan", "artikel", "article", "artículo", "articulo", "ley", "lov",
    "decreto", "resolución", "resolucion", "sección", "seccion", "section", "afsnit", "side",
    "page", "página", "pagina", "tabel", "table", "tabla", "figur", "figure", "figura",
    "bilag", "annex", "anexo", "punkt", "point", "punto", "item", "nr", "no", "number",
    "nummer", "número", "numero", "kl", "klokken", "hora", "top", "gruppe", "group", "grupo",
    "hold", "team", "equipo", "sector", "sektor", "område", "area", "área", "distrito",
    "district", "bydel", "region", "región", "comuna", "terminal", "gate", "perron", "spor",
    "platform", "andén", "sala", "room", "rum", "lokale", "aula", "floor", "etage", "kvartal",
    "quarter", "trimestre", "año", "year", "år", "dag", "day", "día", "mes", "month", "måned",
    "session", "sesión", "møde", "meeting", "reunión", "workshop", "episode", "episodio",
    "sæson", "season", "temporada", "volume", "vol", "tomo", "bind", "del", "part", "parte",
    "stage", "escenario", "scenario", "test", "prueba", "case", "caso", "sag", "project",
    "projekt", "proyecto", "cluster", "lot", "cop", "sdg", "ods", "iso", "level", "tier",
    "budget", "presupuesto", "total", "score", "puntaje", "point", "points", "rank", "nivå",
    "villa", "barrio", "estación", "estacion", "station", "parada", "stop", "planta",
    "edificio", "building", "bygning", "torre", "tower", "pabellón", "pabellon", "mesa",
    "pier", "hal", "hall", "hangar", "bloque", "block", "lote", "manzana", "sección", "km",
    "kilómetro", "kilometro", "mile", "exit", "salida", "afkørsel", "stand", "booth",
};
constexpr WordSet kNotStreetWords(kNotStreetWordsList);

// What comes after the number when it counts something: "Nørrebrogade 30 cyklister".
constexpr std::string_view kQuantityWordsList[] = {
    "kr", "kroner", "dkk", "eur", "euro", "euros", "usd", "pesos", "dólares", "dolares",
    "dollars", "km", "m", "m2", "meter", "meters", "metres", "metros", "mio", "mia", "mill",
    "millones", "million", "millions", "mil", "procent", "pct", "percent", "år",
    "years", "año", "años", "dage", "days", "días", "dias", "minutter", "minutes", "min",
    "timer", "hours", "horas", "cars", "biler", "cyklister", "cyclists", "bicycles", "cykler",
    "trees", "træer", "árboles", "arboles", "carriles", "lanes", "spor", "vejbaner",
    "personas", "people", "personer", "mennesker", "residents", "beboere", "vecinos",
    "households", "husstande", "hogares", "kwh", "ton", "tons", "tonnes", "toneladas", "ha",
    "hectares", "hectáreas", "units", "enheder", "boliger", "viviendas", "homes",
    "lejligheder", "buses", "busser", "colectivos", "líneas", "lines", "stops",
    "stoppesteder", "paradas", "cuadras", "blocks", "meses", "months", "måneder", "weeks",
    "uger", "semanas", "times", "gange", "veces", "stk", "pcs", "nye", "new", "nuevos",
    "nuevas", "más", "mas", "more", "flere", "mere", "fewer", "færre", "menos", "af", "of",
    "x", "gb", "mb", "kg", "g", "l", "liter", "litros", "litres", "jobs", "empleos", "job",
    "pladser", "places", "lugares", "spaces", "parking", "p-pladser", "cuadras", "blocks",
    "shops", "butikker", "tiendas", "locales", "sæder", "seats", "asientos", "mw", "kw",
    "steder", "sted", "huse", "træer", "lygter", "bænke", "skilte", "kryds", "bump", "ulykker",
    "accidents", "crossings", "junctions", "sitios", "lugares", "cruces", "accidentes",
    "semáforos", "lights", "lamps", "bins", "skraldespande", "containers", "contenedores",
    "time", "minut", "sekunder", "døgn", "uge", "måned", "hour", "hora", "día", "day",
};
constexpr WordSet kQuantityWords(kQuantityWordsList);

// Floors, sides, flats after the number. Danish sides: "th" (right), "tv" (left), "mf"
// (middle); floors "st" (ground), "kl" (cellar).
constexpr std::string_view kDanishSidesList[] = {"th", "tv", "mf", "t.h", "t.v", "m.f"};
constexpr WordSet kDanishSides(kDanishSidesList);
constexpr std::string_view kDanishFloorWordsList[] = {"st", "stuen", "kl", "kld", "kælder",
                                                   "parterre", "pt", "sout", "souterrain"};
constexpr WordSet kDanishFloorWords(kDanishFloorWordsList);
constexpr std::string_view kUnitWordsList[] = {
    // Danish
    "dør", "lejl", "lejlighed", "værelse", "vær", "sal",
    // Spanish (Argentina, Spain)
    "piso", "dto", "dpto", "depto", "departamento", "dep", "dept", "of", "oficina", "local",
    "torre", "uf", "casa", "lote", "puerta", "pta", "esc", "escalera", "bloque", "portal",
    "planta", "apto", "apartamento", "unidad", "monoblock", "block", "timbre", "int",
    // English
    "apt", "apartment", "flat", "unit", "suite", "ste", "fl", "room", "rm",
};
constexpr WordSet kUnitWords(kUnitWordsList);
constexpr std::string_view kSpanishSidesList[] = {
    "izq", "izda", "izquierda", "dcha", "drcha", "derecha", "der", "ctro", "centro", "bajo",
    "ático", "atico", "entresuelo", "entlo", "principal", "pral", "pb", "frente", "fte",
    "contrafrente", "cfte", "bis",
};
constexpr WordSet kSpanishSides(kSpanishSidesList);

// Towns after a comma that make a name and a number an address ("Córdoba 1234, CABA").
constexpr std::string_view kTownsList[] = {
    "caba", "c.a.b.a", "capital", "buenos", "bs", "rosario", "córdoba", "cordoba", "mendoza",
    "la", "mar", "tucumán", "tucuman", "salta", "santa", "neuquén", "neuquen", "bahía",
    "bahia", "quilmes", "lanús", "lanus", "avellaneda", "san", "vicente", "olivos", "tigre",
    "morón", "moron", "palermo", "belgrano", "recoleta", "caballito", "almagro", "flores",
    "københavn", "kbh", "copenhagen", "frederiksberg", "aarhus", "århus", "odense", "aalborg",
    "esbjerg", "roskilde", "hellerup", "valby", "vanløse", "brønshøj", "amager", "nørrebro",
    "østerbro", "vesterbro", "london", "manchester", "birmingham", "leeds", "glasgow",
    "edinburgh", "dublin", "madrid", "barcelona", "sevilla", "valencia", "bilbao", "málaga",
    "malaga", "zaragoza", "beijing", "shanghai", "berlin", "paris", "argentina", "denmark",
    "danmark", "españa", "spain", "england", "uk", "usa", "ny", "new",
};
constexpr WordSet kTowns(kTownsList);

// Prepositions of place right before a name: "en Lavalle 1578", "på Strøget 12", "meet at
// Nyhavn 17". Weaker than the words above: only with a number that is not a year, and in Danish
// and English with at most three digits.
constexpr std::string_view kPlacePrepositionsList[] = {
    "en", "sobre", "esquina", "altura", "frente", "cerca", "på", "at", "til", "ved"};
constexpr WordSet kPlacePrepositions(kPlacePrepositionsList);
constexpr std::string_view kSpanishPrepositionsList[] = {"en",     "sobre",  "esquina",
                                                     "altura", "frente", "cerca"};
constexpr WordSet kSpanishPrepositions(kSpanishPrepositionsList);

// Makes of cars, planes and phones, written with a model number like a house's.
constexpr std::string_view kMakesList[] = {
    "fiat", "peugeot", "renault", "citroën", "citroen", "volvo", "toyota", "ford", "opel", "audi",
    "skoda", "seat", "kia", "hyundai", "nissan", "mazda", "tesla", "porsche", "ferrari", "volkswagen",
    "vw", "bmw", "mercedes", "honda", "suzuki", "subaru", "chevrolet", "dodge", "jeep", "lancia",
    "alfa", "saab", "mitsubishi", "lexus", "jaguar", "byd", "nio", "geely", "boeing", "airbus",
    "embraer", "nokia", "samsung", "galaxy", "iphone", "pixel", "xiaomi", "huawei", "scania",
    "iveco", "man", "solaris", "yamaha", "kawasaki", "ducati", "vespa", "apollo", "python", "euro",
    "windows", "office", "playstation", "xbox", "colectivo", "línea", "linea", "linje", "bus",
};
constexpr WordSet kMakes(kMakesList);

// Words before a street that say an address follows.
constexpr Keyword kAddressCuesList[] = {
    {"bor på"}, {"bor i"}, {"boede på"}, {"bopæl"}, {"adresse", false}, {"adr."},
    {"address", false}, {"addr"}, {"lives at"}, {"live at"}, {"living at"}, {"lived at"},
    {"resides at"}, {"residing at"}, {"reside en"}, {"vivo en"}, {"vive en"}, {"vivía en"},
    {"vivia en"}, {"viven en"}, {"vivimos en"}, {"domicilio", false}, {"domiciliado"},
    {"domiciliada"}, {"dirección"}, {"direccion"}, {"flyttet til"}, {"flyttede til"},
    {"enviar"}, {"envíe"}, {"envíen"}, {"mandar"}, {"entregar"}, {"send"}, {"deliver"},
    {"sende"}, {"sendes"}, {"levere"}, {"leveres"}, {"post"},
    {"moved to"}, {"me mudé a"}, {"se mudó a"}, {"wohnt in"}, {"wohne in"}, {"anschrift"},
    {"postadresse"}, {"hjemme på"}, {"home at"}, {"casa en"}, {"vivienda en"},
};
constexpr KeywordSet kAddressCues(kAddressCuesList);

// clang-format on

bool IsUnitWord(std::string_view v, const Word& w) { return WordIn(v, w, kUnitWords); }

// Floor and flat words written in full: a dot after them ends the sentence, not an abbreviation.
constexpr std::string_view kFullUnitWordsList[] = {
    "piso",         "sal",          "stuen",     "planta",      "floor",     "kælder",
    "bajo",         "ático",        "atico",     "derecha",     "izquierda", "centro",
    "frente",       "contrafrente", "principal", "entresuelo",  "parterre",  "souterrain",
    "departamento", "oficina",      "apartment", "apartamento", "escalera",  "puerta",
    "local",        "torre",        "casa",      "lote",        "bloque",    "portal",
    "unidad",       "suite",        "flat",      "unit",        "room",      "dør",
    "lejlighed",    "værelse",      "timbre",    "monoblock",   "block",
};
constexpr WordSet kFullUnitWords(kFullUnitWordsList);

// The end of a unit word: past its dot when it is an abbreviation ("th.", "izq.", "dto.").
std::size_t UnitWordEnd(std::string_view v, const Word& w) {
  return WordIn(v, w, kFullUnitWords) ? w.end : w.after();
}

// A flat's letter or number in quotes: 4° "B", 2° “A”.
std::size_t QuotedLabelAt(std::string_view v, std::size_t i) {
  std::size_t open = 0;
  if (At(v, i, "\"")) open = 1;
  if (At(v, i, "\xE2\x80\x9C")) open = 3;  // “
  if (open == 0) return 0;
  std::size_t k = i + open;
  const std::size_t s = k;
  while (k < v.size() && k - s < 3 && IsAlnumAscii(v[k])) ++k;
  if (k == s) return 0;
  if (At(v, k, "\"")) return k + 1;
  if (At(v, k, "\xE2\x80\x9D")) return k + 3;  // ”
  return 0;
}

// House-number markers between a name and the number: "nr. 12", "N° 742", "# 5".
std::size_t NumberMarkerBefore(std::string_view v, std::size_t j) {
  const std::size_t p = SkipSpacesBack(v, j, 2);
  if (p > 0 && v[p - 1] == '#') return p - 1;
  // N° Nº n° nº N.° (º U+00BA, ° U+00B0)
  for (std::string_view m :
       {"N\xC2\xB0", "N\xC2\xBA", "n\xC2\xB0", "n\xC2\xBA", "N.\xC2\xB0", "N.\xC2\xBA"}) {
    if (Before(v, p, m) && WordStartsAt(v, p - m.size())) return p - m.size();
  }
  const Word w = WordBefore(v, p);
  if (w.empty()) return j;
  static constexpr std::string_view kMarkers[] = {"nr",     "no",     "nro",    "núm",   "num",
                                                  "número", "numero", "number", "nummer"};
  if (WordIn(v, w, kMarkers) && w.after() == p && (p < j || w.dot)) return w.begin;
  return j;
}

// ---------------------------------------------------------------------------------------------
// What may follow the house number.

// Past a comma (and spaces) or spaces only.
std::size_t SkipComma(std::string_view v, std::size_t k) {
  std::size_t s = SkipSpaces(v, k, 3);
  if (s < v.size() && (v[s] == ',' || v[s] == ';')) {
    s = SkipSpaces(v, s + 1, 3);
  } else if (s > k && s + 1 < v.size() && v[s] == '-' && v[s + 1] == ' ') {
    s = SkipSpaces(v, s + 1, 3);  // "Nørrebrogade 12 - 3. th"
  }
  return s;
}

bool IsOrdinalMark(std::string_view v, std::size_t i) {
  return At(v, i, "\xC2\xB0") || At(v, i, "\xC2\xBA") || At(v, i, "\xC2\xAA");  // ° º ª
}

// A short unit label after a unit word: "3", "B", "4B", "12", "A-3", "C". Returns its end, or 0.
std::size_t UnitLabelAt(std::string_view v, std::size_t i) {
  const std::size_t quoted = QuotedLabelAt(v, i);
  if (quoted != 0) return quoted;
  std::size_t k = i;
  if (k < v.size() && v[k] == '#') ++k;
  if (IsOrdinalMark(v, k)) k += 2;  // "N° 3" is spelled with the marker as its own token
  const std::size_t s = k;
  while (k < v.size() && k - s < 5 && IsAlnumAscii(v[k])) ++k;
  if (k == s || !WordEndsAt(v, k)) return 0;
  // A label is a number, a letter or two, or a number and a letter: not a word.
  std::size_t letters = 0;
  for (std::size_t p = s; p < k; ++p) letters += IsAlphaAscii(v[p]) ? 1 : 0;
  if (letters > 2 || (letters == 2 && k - s == 2 && IsLowerAscii(v[s]))) return 0;
  if (IsOrdinalMark(v, k)) k += 2;
  return k;
}

// One floor, side or flat at k (after optional comma). Returns its end, or 0.
std::size_t UnitAt(std::string_view v, std::size_t k) {
  if (k >= v.size()) return 0;
  // A number first: a Danish floor ("3. th", "2.tv", "1. sal", "4 mf"), an Argentine one
  // ("6° A", "1°C", "5to piso", "3º izq.").
  if (IsDigit(v[k])) {
    const std::size_t e = RunEnd(v, k);
    if (e - k > 2) return 0;
    std::size_t p = e;
    bool dot = false;
    bool ordinal = false;
    if (p < v.size() && v[p] == '.') {
      dot = true;
      ++p;
    } else if (IsOrdinalMark(v, p)) {
      ordinal = true;
      p += 2;
    } else {
      for (std::string_view s : {"er", "do", "to", "ro", "vo", "no", "mo"}) {
        if (StartsWithFolded(v, p, s) && WordEndsAt(v, p + 2)) {
          ordinal = true;
          p += 2;
          break;
        }
      }
      if (!ordinal && p < v.size() && IsAlphaAscii(v[p])) {
        // "69B" is a house number's letter, handled before; "4B" here is a flat.
        if (WordEndsAt(v, p + 1)) return p + 1;
        return 0;
      }
    }
    const std::size_t q = SkipSpaces(v, p, 2);
    const Word w = WordAt(v, q);
    if (!w.empty() && (WordIn(v, w, kDanishSides) || WordIn(v, w, kSpanishSides) ||
                       WordIn(v, w, {"sal", "piso", "pl", "planta", "floor", "fl"}))) {
      return UnitWordEnd(v, w);
    }
    if (ordinal) {
      // "6° A", "1°C", 4° "B", "4º 2ª": a letter or number for the flat may follow.
      if (q < v.size() && IsAlphaAscii(v[q]) && WordEndsAt(v, q + 1)) return q + 1;
      const std::size_t quoted = QuotedLabelAt(v, q);
      if (quoted != 0) return quoted;
      const DigitRun d = DigitRunAt(v, q);
      if (!d.empty() && d.count <= 2 && q == p + 1 && WordEndsAt(v, d.end)) {
        return d.end + (IsOrdinalMark(v, d.end) ? 2 : 0);
      }
      return p;
    }
    if (dot) {
      // "12, 3." at the end: a floor without side.
      const std::size_t r = SkipSpaces(v, p, 2);
      if (r >= v.size() || v[r] == ',' || v[r] == ';' || v[r] == ')') return p;
    }
    return 0;
  }
  const Word w = WordAt(v, k);
  if (w.empty()) {
    if (v[k] == '#') return UnitLabelAt(v, k);
    return 0;
  }
  // Danish ground floor or cellar, alone or with a side: "st. tv.", "stuen", "kl."
  if (WordIn(v, w, kDanishFloorWords)) {
    const std::size_t q = SkipSpaces(v, w.after(), 2);
    const Word side = WordAt(v, q);
    if (!side.empty() && WordIn(v, side, kDanishSides)) return side.after();
    // "st" alone could be many things; with its dot or spelt out it is the ground floor.
    if (w.dot || w.size() > 2) return UnitWordEnd(v, w);
    return 0;
  }
  // Written together, "st.tv." reads as one word.
  {
    const std::size_t dot = v.substr(w.begin, w.size()).find('.');
    if (dot != std::string_view::npos) {
      const Word floor = WordAt(v.substr(0, w.begin + dot), w.begin);
      const Word side = WordAt(v, w.begin + dot + 1);
      if (WordIn(v, floor, kDanishFloorWords) && side.end == w.end &&
          WordIn(v, side, kDanishSides)) {
        return w.after();
      }
    }
  }
  if (WordIn(v, w, kDanishSides)) return w.after();
  if (WordIn(v, w, kSpanishSides)) {
    // "bajo A", "ático 2": the flat may follow the floor.
    const std::size_t q = SkipSpaces(v, UnitWordEnd(v, w), 2);
    if (q > w.after() && q < v.size() &&
        ((IsUpperAscii(v[q]) && WordEndsAt(v, q + 1)) ||
         (IsDigit(v[q]) && RunEnd(v, q) - q <= 2 && WordEndsAt(v, RunEnd(v, q))))) {
      const std::size_t e = IsDigit(v[q]) ? RunEnd(v, q) : q + 1;
      return e + (IsOrdinalMark(v, e) ? 2 : 0);
    }
    return UnitWordEnd(v, w);
  }
  // "P.B.", "planta baja"
  if (StartsWithFolded(v, w.begin, "p.b") && w.size() == 3) return w.after();
  if (StartsWithFolded(v, w.begin, "planta baja")) return w.begin + 11;
  if (IsUnitWord(v, w)) {
    std::size_t q = SkipSpaces(v, w.after(), 2);
    // "dto. N° 3", "piso nº 5"
    for (std::string_view m : {"N\xC2\xB0", "N\xC2\xBA", "n\xC2\xB0", "n\xC2\xBA", "nro.", "nr."}) {
      if (At(v, q, m)) {
        q = SkipSpaces(v, q + m.size(), 2);
        break;
      }
    }
    const std::size_t e = UnitLabelAt(v, q);
    if (e != 0) return e;
  }
  return 0;
}

// Floors, sides and flats, one after another: ", piso 5, depto B", " PB dto 3", ", 3. th.".
std::size_t UnitsAt(std::string_view v, std::size_t k, int* count) {
  std::size_t end = k;
  for (int n = 0; n < 4; ++n) {
    const std::size_t s = SkipComma(v, end);
    const std::size_t e = UnitAt(v, s);
    if (e == 0) break;
    end = e;
    ++*count;
  }
  return end;
}

// A postcode and town: ", 2300 København S", " 1256 Kbh K", ", 28013 Madrid",
// ", C1043AAB CABA", " (C1043)". Returns its end, or 0.
std::size_t PostcodeAt(std::string_view v, std::size_t k) {
  std::size_t s = SkipComma(v, k);
  if (s >= v.size()) return 0;
  const bool paren = v[s] == '(';
  if (paren) ++s;
  // "DK-2200", "D-80331": a country's letters before the postcode.
  if (s + 3 < v.size() && IsUpperAscii(v[s]) &&
      ((v[s + 1] == '-' && IsDigit(v[s + 2])) ||
       (IsUpperAscii(v[s + 1]) && v[s + 2] == '-' && IsDigit(v[s + 3])))) {
    s += v[s + 1] == '-' ? 2 : 3;
  }
  std::size_t e = s;
  if (IsUpperAscii(v[e]) && DigitAt(v, e + 1)) {  // Argentine CPA: C1043 or C1043AAB
    const std::size_t d = RunEnd(v, e + 1);
    if (d - e - 1 != 4) return 0;
    e = d;
    std::size_t letters = 0;
    while (e < v.size() && IsUpperAscii(v[e]) && letters < 3) ++e, ++letters;
    if (letters != 0 && letters != 3) return 0;
    if (!WordEndsAt(v, e)) return 0;
  } else if (IsDigit(v[e])) {
    const std::size_t d = RunEnd(v, e);
    if (d - e != 4 && d - e != 5) return 0;
    e = d;
  } else {
    return 0;
  }
  if (paren) {
    // "(C1043)", "(1043)"; "(2013)" is a year.
    if (e >= v.size() || v[e] != ')') return 0;
    if (IsDigit(v[s]) && Number(v.substr(s, 4)) >= 1800 && Number(v.substr(s, 4)) <= 2099) {
      return 0;
    }
    return e + 1;
  }
  // The town: capitalised words, then a Danish postal district letter or two ("K", "NV", "Ø").
  std::size_t end = 0;
  std::size_t p = SkipSpaces(v, e, 2);
  if (p == e) return 0;
  for (int n = 0; n < 3; ++n) {
    const Word w = WordAt(v, p);
    if (w.empty() || !w.capital) break;
    end = w.end;
    if (!w.lower) break;  // "CABA", "K", "NV": the last word, and a dot after it ends the sentence
    if (w.dot && w.size() <= 4) end = w.after();  // "Kbh."
    const std::size_t q = SkipSpaces(v, w.after(), 2);
    if (q == w.after()) break;
    p = q;
  }
  return end;
}

// A town after a comma: "Córdoba 1234, CABA", "221B Baker Street, London".
bool TownAfter(std::string_view v, std::size_t k) {
  std::size_t s = SkipSpaces(v, k, 2);
  if (s >= v.size() || (v[s] != ',' && v[s] != '(' && v[s] != '-')) return false;
  s = SkipSpaces(v, s + 1, 2);
  const Word w = WordAt(v, s);
  return !w.empty() && w.capital && WordIn(v, w, kTowns);
}

// ---------------------------------------------------------------------------------------------
// The house number.

struct HouseNumber {
  std::size_t begin = 0;
  std::size_t end = 0;  // 0: none
  int digits = 0;
  int value = 0;
};

// A house number at i: digits, a range ("12-14") and a letter ("69B", "69 B", "12a").
HouseNumber HouseNumberAt(std::string_view v, std::size_t i) {
  HouseNumber h;
  if (!RunStartsAt(v, i) || !WordStartsAt(v, i)) return h;
  const std::size_t e = RunEnd(v, i);
  if (e - i > 5) return h;
  h.begin = i;
  h.digits = static_cast<int>(e - i);
  h.value = Number(v.substr(i, e - i));
  if (h.value == 0) return h;
  std::size_t k = e;
  if (k < v.size()) {
    const char c = v[k];
    // Decimals, thousands, times, dates and fractions are not house numbers.
    if ((c == '.' || c == ',' || c == ':' || c == '/') && DigitAt(v, k + 1)) return h;
    if (c == '%') return h;
    if (c == '-' && DigitAt(v, k + 1)) {  // a range of house numbers, not of years
      const std::size_t r = RunEnd(v, k + 1);
      if (r - k - 1 > 3 || h.digits > 3) return h;
      k = r;
    }
  }
  if (k < v.size() && IsAlphaAscii(v[k])) {
    // "69B", "12a": one letter; "12th", "3rd", "5km" are something else.
    if (!WordEndsAt(v, k + 1)) return h;
    ++k;
  } else if (k + 1 < v.size() && v[k] == ' ' && IsUpperAscii(v[k + 1]) && v[k + 1] != 'I' &&
             WordEndsAt(v, k + 2)) {
    // "Jagtvej 69 B": a capital letter alone (not "12 I").
    k += 2;
  } else if (!WordEndsAt(v, k)) {
    return h;
  }
  h.end = k;
  return h;
}

bool IsYear(const HouseNumber& h) { return h.digits == 4 && h.value >= 1800 && h.value <= 2099; }

// The number counts something ("Nørrebrogade 30 cyklister") or starts a date ("12. marts").
bool QuantityOrDateAfter(std::string_view v, std::size_t k) {
  std::size_t p = k;
  bool dot = false;
  if (p < v.size() && v[p] == '.') {
    dot = true;
    ++p;
  }
  p = SkipSpaces(v, p, 2);
  if (p == k) return false;
  if (!dot && p < v.size() && v[p] == '%') return true;
  const Word w = WordAt(v, p);
  if (w.empty()) return false;
  // "300 comercios", "120 parking": a Spanish or English plural after the number counts.
  if (!dot && !w.capital && w.size() >= 5 && v[w.end - 1] == 's' && !IsUnitWord(v, w) &&
      !WordIn(v, w, kSpanishSides)) {
    return true;
  }
  std::size_t month_end, letters;
  if (MonthAt(v, p, &month_end, &letters) != 0 && (dot || letters >= 4)) return true;
  // "Amagerbrogade 1. etape": a Danish ordinal before a noun (a floor or side is read before
  // this is asked).
  if (dot && !w.capital && w.lower) return true;
  return !dot && WordIn(v, w, kQuantityWords);
}

// ---------------------------------------------------------------------------------------------
// Street name before the number.

struct Name {
  std::size_t begin = 0;
  bool found = false;
  bool prefix_type = false;    // "Av. Corrientes", "Calle 50"
  bool street_suffix = false;  // "Nørrebrogade", "Sankt Hans Torv"
  bool numeric_name = false;   // "Calle 50": the type and a number
  // Neither: capitalised words only, which need other evidence.
};

bool IsConnector(std::string_view v, const Word& w) {
  return !w.capital && WordIn(v, w, kConnectors);
}

bool IsInitial(const Word& w) { return w.dot && w.size() <= 3 && w.capital; }

// "C/ Mayor", "c/Alcalá": the Spanish abbreviation of calle. The position of the "C", or npos.
std::size_t CalleSlashBefore(std::string_view v, std::size_t j) {
  const std::size_t s = SkipSpacesBack(v, j, 2);
  if (s >= 2 && v[s - 1] == '/' && (v[s - 2] == 'C' || v[s - 2] == 'c') && WordStartsAt(v, s - 2)) {
    return s - 2;
  }
  return std::string_view::npos;
}

bool IsPrefixType(std::string_view v, const Word& w) { return WordIn(v, w, kPrefixTypes); }

bool IsStreetSuffixWord(std::string_view v, const Word& w) {
  if (WordIn(v, w, kPlacesLikeStreets)) return false;
  if (kStreetSuffixes.EndsOneOf(v, w.begin, w.end, 2) ||
      kShortStemRiskySuffixes.EndsOneOf(v, w.begin, w.end, 3)) {
    return true;
  }
  // "Hauptstr.": only the German abbreviation is common.
  return w.dot && EndsWithFolded(v, w, "str", 3);
}

// The street name ending just before `j` (the number or its marker), after spaces (or none when
// `adjacent`, for a name before a comma).
Name NameBefore(std::string_view v, std::size_t j, bool marker, bool adjacent = false) {
  Name name;
  std::size_t p = SkipSpacesBack(v, j, 3);
  if ((p == j && !adjacent) || p == 0) return name;
  // Tokens from right to left.
  struct Token {
    Word w;
    bool digits;
    std::size_t begin;
  };
  Token tokens[8];
  int n = 0;
  std::size_t begin = p;
  while (n < 7) {
    if (IsDigit(v[p - 1])) {
      // "9 de Julio", "25 de Mayo" inside a name; "Calle 50" as a name.
      std::size_t b = p;
      while (b > 0 && IsDigit(v[b - 1]) && p - b <= 3) --b;
      if (p - b > 3 || !WordStartsAt(v, b)) break;
      const bool date_name = n >= 2 && IsConnector(v, tokens[n - 1].w);
      if (!date_name && !(n == 0 && marker)) break;
      tokens[n++] = {Word{}, true, b};
      begin = b;
    } else {
      const Word w = WordBefore(v, p);
      if (w.empty()) break;
      if (IsPrefixType(v, w) && !(n == 0 && w.capital && WordIn(v, w, kTypeWords))) {
        // "Calle 50", "Avenida 9": the type alone before a number makes the number the name.
        if (n == 0) return name;
        name.prefix_type = true;
        begin = w.begin;
        // "Av. Paseo Colón": a type before a name that begins with one.
        const std::size_t q = SkipSpacesBack(v, begin, 2);
        if (q < begin) {
          const Word outer = WordBefore(v, q);
          if (!outer.empty() && outer.after() == q && IsPrefixType(v, outer)) begin = outer.begin;
        }
        break;
      }
      const bool name_word = w.capital || IsConnector(v, w) || (n == 0 && IsStreetSuffixWord(v, w));
      if (!name_word) break;
      if (w.capital && WordIn(v, w, kNotNameWords)) break;
      tokens[n++] = {w, false, w.begin};
      begin = w.begin;
    }
    // "C/ Mayor", "c/Alcalá": the abbreviation of calle ends the name.
    const std::size_t cs = CalleSlashBefore(v, begin);
    if (cs != std::string_view::npos) {
      name.prefix_type = true;
      begin = cs;
      break;
    }
    const std::size_t q = SkipSpacesBack(v, begin, 2);
    if (q == begin || q == 0) break;
    p = q;
  }
  // Connectors cannot start a name.
  while (n > 0 && !tokens[n - 1].digits && IsConnector(v, tokens[n - 1].w) && !name.prefix_type) {
    --n;
    begin = n > 0 ? tokens[n - 1].begin : begin;
  }
  if (n == 0) {
    // "Calle 50" as a house number: the type alone before the number is a name for the next.
    return name;
  }
  const Token& last = tokens[0];  // next to the number
  if (name.prefix_type) {
    name.found = true;
    name.begin = begin;
    name.numeric_name = n == 1 && last.digits;
    return name;
  }
  if (last.digits) return name;
  // A compound street name ("Nørrebrogade"): known prefixes, initials and genitives go with it
  // ("Gammel Kongevej", "Store Kongensgade", "Kongens Nytorv"); other capitalised words too, up
  // to two ("Valby Langgade", "Amager Strandvej", "Roskilde Landevej").
  if (IsStreetSuffixWord(v, last.w) && !WordIn(v, last.w, kTypeWords)) {
    int keep = 1;
    int others = 0;
    while (keep < n) {
      const Word& w = tokens[keep].w;
      if (tokens[keep].digits) break;
      const bool genitive = w.capital && w.lower && v[w.end - 1] == 's' && w.size() >= 3;
      if (!(WordIn(v, w, kNamePrefixes) || IsInitial(w) || genitive)) {
        if (!w.capital || !w.lower || ++others > 2) break;
      }
      ++keep;
    }
    while (keep > 1 && IsConnector(v, tokens[keep - 1].w)) --keep;
    name.found = true;
    name.street_suffix = true;
    name.begin = tokens[keep - 1].begin;
    return name;
  }
  // A street type after the name: "Sankt Hans Torv", "H.C. Andersens Boulevard".
  if (WordIn(v, last.w, kTypeWords) && last.w.capital) {
    if (n < 2) return name;
    name.found = true;
    name.street_suffix = true;
    int keep = std::min(n, 5);
    while (keep > 1 && IsConnector(v, tokens[keep - 1].w)) --keep;
    name.begin = tokens[keep - 1].begin;
    return name;
  }
  // Capitalised words only: up to four, with at least one lower-case letter among them
  // ("COP 26", "SDG 11" are codes), not ending in a word that numbers other things.
  // A number inside the name is a date's day ("25 de Mayo", "9 de Julio"): NameBefore takes
  // one only before "de" and a word.
  int keep = std::min(n, 4);
  while (keep > 1 && !tokens[keep - 1].digits && IsConnector(v, tokens[keep - 1].w)) --keep;
  bool lower = false;
  for (int k = 0; k < keep; ++k) {
    if (tokens[k].digits && k < 2) return name;
    lower = lower || (tokens[k].w.capital && tokens[k].w.lower);
  }
  if (!lower || !last.w.capital || WordIn(v, last.w, kNotStreetWords) || IsUnitWord(v, last.w)) {
    return name;
  }
  name.found = true;
  name.begin = tokens[keep - 1].begin;
  return name;
}

struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;  // 0: none
};

// Name, then number: Danish, Spanish, German and Dutch order.
Span NameThenNumber(std::string_view v, const HouseNumber& h) {
  Span none;
  const std::size_t m = NumberMarkerBefore(v, h.begin);
  const bool marker = m != h.begin;
  Name name = NameBefore(v, m, marker);
  if (!name.found && !marker) {
    // "Calle Mayor, 12", "Plaza de España, 5": Spain puts a comma after a street's name.
    const std::size_t c = SkipSpacesBack(v, h.begin, 2);
    if (c < h.begin && c > 0 && v[c - 1] == ',') {
      name = NameBefore(v, c - 1, false, true);
      if (!name.prefix_type && !name.street_suffix) return none;
      if (name.numeric_name) return none;
    }
  }
  if (!name.found) return none;
  if (name.begin + 1 >= h.begin) return none;
  int units = 0;
  const std::size_t after_units = UnitsAt(v, h.end, &units);
  const std::size_t postcode = PostcodeAt(v, after_units);
  const std::size_t end = postcode != 0 ? postcode : after_units;
  const bool more = units > 0 || postcode != 0;
  if (!more && QuantityOrDateAfter(v, h.end)) return none;
  if (name.numeric_name) {
    // "Calle 50 N° 742", "Calle 7 1234": the second number is the house.
    if (!marker && !more) return none;
    return {name.begin, end};
  }
  if (name.prefix_type) return {name.begin, end};
  // Danish, German and Dutch house numbers have at most three digits; four are a year or a
  // postcode ("Nørrebro 2200") unless the floor or postcode follows.
  if (name.street_suffix && (h.digits <= 3 || more)) return {name.begin, end};
  // Capitalised words: an address only when something else says so.
  const bool cue = KeywordIn(v, name.begin > 32 ? name.begin - 32 : 0, name.begin, kAddressCues);
  if (more || cue || (TownAfter(v, h.end) && !IsYear(h))) return {name.begin, end};
  if (IsYear(h)) return none;
  // A whole cell that is a name and a number of three or four digits ("Tucumán 1450",
  // "Florida 537"), when the name is not a town ("Valby 2500" is a district and its postcode) nor
  // a make of car, plane or phone ("Peugeot 208", "Boeing 737").
  if (h.digits >= 3 && SkipSpacesBack(v, name.begin, 4) == 0 &&
      SkipSpaces(v, end + (end < v.size() && v[end] == '.' ? 1 : 0), 4) == v.size()) {
    // A town alone before four digits may be its postcode; makes anywhere in the name.
    bool plain = true;
    int words = 0;
    Word town;
    for (std::size_t p = name.begin; p < h.begin && plain;) {
      const Word w = WordAt(v, p);
      if (w.empty()) {
        ++p;
        continue;
      }
      plain = !WordIn(v, w, kMakes);
      if (words++ == 0) town = w;
      p = w.after();
    }
    if (words == 1 && h.digits == 4 && WordIn(v, town, kTowns)) plain = false;
    if (plain) return {name.begin, end};
  }
  // "frente a Lavalle 1578", "vive en Tucumán 2100", "mødes på Strøget 12".
  const Word before = WordBefore(v, SkipSpacesBack(v, name.begin, 2));
  Word prep = before;
  if (!before.empty() && WordIn(v, before, {"a", "al", "de", "del"})) {
    prep = WordBefore(v, SkipSpacesBack(v, before.begin, 2));  // "frente a", "altura de"
  }
  if (prep.empty() || prep.capital || !WordIn(v, prep, kPlacePrepositions)) return none;
  if (h.digits > 3 && !WordIn(v, prep, kSpanishPrepositions)) return none;
  return {name.begin, end};
}

// Number, then name: "12 Main Street", "221B Baker Street", "12 rue de Rivoli",
// "Flat 3, 45 High Road".
constexpr std::string_view kEnglishTypesList[] = {
    "street",    "st",     "road",    "rd",      "avenue",  "ave",      "av",       "lane",
    "ln",        "drive",  "dr",      "court",   "ct",      "place",    "pl",       "way",
    "boulevard", "blvd",   "terrace", "tce",     "close",   "crescent", "cres",     "gardens",
    "gdns",      "square", "sq",      "row",     "parkway", "pkwy",     "highway",  "hwy",
    "mews",      "walk",   "grove",   "circle",  "cir",     "trail",    "alley",    "embankment",
    "esplanade", "parade", "quay",    "rise",    "wharf",   "yard",     "hill",     "green",
    "park",      "gate",   "view",    "heights", "plaza",   "broadway", "causeway", "passage",
    "promenade", "loop",
};
constexpr WordSet kEnglishTypes(kEnglishTypesList);
// Types that are also ordinary words after a count ("5 Green Park stations"): the number must
// be small and no plural may follow.
constexpr std::string_view kWeakEnglishTypesList[] = {"hill", "green", "park", "gate", "view",
                                                      "way",  "row",   "walk", "rise", "yard"};
constexpr WordSet kWeakEnglishTypes(kWeakEnglishTypesList);
constexpr std::string_view kFrenchTypesList[] = {"rue",   "avenue", "av",    "boulevard", "bd",
                                                 "place", "allée",  "allee", "chemin",    "impasse",
                                                 "quai",  "via",    "viale", "piazza",    "cours"};
constexpr WordSet kFrenchTypes(kFrenchTypesList);
constexpr std::string_view kFlatWordsList[] = {"flat", "apt", "apartment", "unit", "suite"};
constexpr WordSet kFlatWords(kFlatWordsList);

// Before "12 Main Street": "Flat 3, ", "Apt. 4B, ", "No. ". Returns the new start.
std::size_t FlatBefore(std::string_view v, std::size_t begin) {
  std::size_t p = SkipSpacesBack(v, begin, 2);
  if (p > 0 && v[p - 1] == ',') p = SkipSpacesBack(v, p - 1, 2);
  // "No. 88 Jianguo Road"
  const Word no = WordBefore(v, SkipSpacesBack(v, begin, 2));
  if (!no.empty() && no.dot && no.size() == 2 && StartsWithFolded(v, no.begin, "no")) {
    return no.begin;
  }
  // The flat's label, then the flat word.
  std::size_t q = p;
  while (q > 0 && IsAlnumAscii(v[q - 1]) && p - q < 5) --q;
  if (q == p || !WordStartsAt(v, q)) return begin;
  std::size_t r = SkipSpacesBack(v, q, 2);
  if (r > 0 && v[r - 1] == '#') r = SkipSpacesBack(v, r - 1, 2);
  const Word w = WordBefore(v, r);
  if (!w.empty() && w.capital && WordIn(v, w, kFlatWords)) return w.begin;
  return begin;
}

Span NumberThenName(std::string_view v, const HouseNumber& h) {
  Span none;
  std::size_t p = SkipSpaces(v, h.end, 2);
  if (p == h.end || p >= v.size()) return none;
  // A year after "in", "since", "by": "In 2019 Main Street was closed".
  if (IsYear(h)) {
    const Word before = WordBefore(v, SkipSpacesBack(v, h.begin, 2));
    static constexpr std::string_view kYearWords[] = {
        "in",     "since", "by",   "from",   "until",  "till",  "of",    "during", "before",
        "after",  "i",     "en",   "desde",  "hasta",  "år",    "siden", "fra",    "til",
        "around", "circa", "ca",   "c",      "year",   "año",   "for",   "to",     "and",
        "y",      "og",    "fall", "spring", "summer", "winter"};
    if (!before.empty() && WordIn(v, before, kYearWords)) return none;
  }
  const Word first = WordAt(v, p);
  if (first.empty()) return none;
  std::size_t end = 0;
  if (WordIn(v, first, kFrenchTypes) && !first.capital) {
    // "12 rue de Rivoli": the type, then a capitalised name (connectors allowed).
    std::size_t q = SkipSpaces(v, first.after(), 2);
    for (int n = 0; n < 5; ++n) {
      const Word w = WordAt(v, q);
      if (w.empty()) break;
      if (w.capital) {
        end = w.end;
      } else if (!IsConnector(v, w) && !StartsWithFolded(v, w.begin, "l'") &&
                 !StartsWithFolded(v, w.begin, "d'")) {
        break;
      }
      const std::size_t r = SkipSpaces(v, w.end, 2);
      if (r == w.end) break;
      q = r;
    }
    if (end == 0) return none;
  } else {
    // "12 Main Street", "221B Baker Street", "5 St. Mary's Road".
    std::size_t q = p;
    int names = 0;
    bool weak = false;
    for (int n = 0; n < 6; ++n) {
      const Word w = WordAt(v, q);
      if (w.empty()) break;
      const bool type = w.capital && WordIn(v, w, kEnglishTypes);
      if (type && names > 0) {
        end = WordIn(v, w,
                     {"st", "rd", "ave", "av", "ln", "dr", "ct", "pl", "blvd", "tce", "cres",
                      "gdns", "sq", "pkwy", "hwy", "cir"})
                  ? w.after()
                  : w.end;
        weak = WordIn(v, w, kWeakEnglishTypes);
      }
      if (!(w.capital || (names > 0 && IsConnector(v, w)))) break;
      ++names;  // a type word may also be part of the name: "Park Lane", "Green Lane"
      const std::size_t r = SkipSpaces(v, w.after(), 2);
      if (r == w.after()) break;
      q = r;
    }
    if (end == 0) return none;
    if (weak) {
      // "5 Green Park stations": a count before a plural.
      const Word next = WordAt(v, SkipSpaces(v, end, 2));
      if (h.digits > 3 ||
          (!next.empty() && !next.capital && next.size() > 3 && v[next.end - 1] == 's')) {
        return none;
      }
    }
  }
  int units = 0;
  const std::size_t after_units = UnitsAt(v, end, &units);
  return {FlatBefore(v, h.begin), after_units};
}

// ---------------------------------------------------------------------------------------------
// Chinese addresses: 朝阳区建国路88号, 中关村大街27号院3号楼1单元502室, 幸福小区3栋2单元401.

// Road and compound words that a number follows.
constexpr std::string_view kZhStreetEnds[] = {
    "路",   "街",   "道", "巷", "弄", "胡同", "里", "村", "小区", "园", "公寓", "大厦",
    "广场", "中心", "庄", "屯", "坊", "城",   "府", "湾", "邸",   "居", "阁",   "社区",
    "公馆", "别墅", "庭", "院", "期", "区",   "厦", "苑", "段",   "區",
};
// Units after a number: 号 (number), 号院 (courtyard), 号楼 (building), 栋 幢 座 (building),
// 单元 (entrance), 层 楼 (floor), 室 户 (flat), 弄 (lane), 门 (gate).
constexpr std::string_view kZhUnits[] = {
    "号院",
    "号楼",
    "号",
    "栋",
    "幢",
    "座",
    "单元",
    "层",
    "楼",
    "室",
    "户",
    "弄",
    "门",
    // Traditional forms: 號 號樓 樓 單元 棟
    "號樓",
    "號",
    "樓",
    "單元",
    "棟",
};
// Characters that end a street name on its left: verbs, pronouns and particles of the sentence
// around it (在 住 于 是 到 去 从 往 位 了 和 与 及 我 你 他 她 它 们 为 址 的 就 也 这 那 送 寄 收
// 给 搬 迁 至 离 近 对 向 请 把 被 将 自 由 经 过 处 有 等 或 并 而 吗 呢 啊 吧).
constexpr int32_t kZhStops[] = {
    0x5728, 0x4F4F, 0x4E8E, 0x662F, 0x5230, 0x53BB, 0x4ECE, 0x5F80, 0x4F4D, 0x4E86, 0x548C,
    0x4E0E, 0x53CA, 0x6211, 0x4F60, 0x4ED6, 0x5979, 0x5B83, 0x4EEC, 0x4E3A, 0x5740, 0x7684,
    0x5C31, 0x4E5F, 0x8FD9, 0x90A3, 0x9001, 0x5BC4, 0x6536, 0x7ED9, 0x642C, 0x8FC1, 0x81F3,
    0x79BB, 0x8FD1, 0x5BF9, 0x5411, 0x8BF7, 0x628A, 0x88AB, 0x5C06, 0x81EA, 0x7531, 0x7ECF,
    0x8FC7, 0x5904, 0x6709, 0x7B49, 0x6216, 0x5E76, 0x800C, 0x5417, 0x5462, 0x554A, 0x5427,
};

bool ZhUnitAt(std::string_view v, std::size_t i, std::size_t* end) {
  for (std::string_view u : kZhUnits) {
    if (At(v, i, u)) {
      *end = i + u.size();
      return true;
    }
  }
  return false;
}

bool ZhStreetEndBefore(std::string_view v, std::size_t j) {
  // 甲 乙 丙 before the number tell apart houses that share it: 金融大街甲3号.
  for (std::string_view s : {"甲", "乙", "丙"}) {
    if (Before(v, j, s)) {
      j -= s.size();
      break;
    }
  }
  for (std::string_view s : kZhStreetEnds) {
    if (Before(v, j, s)) return true;
  }
  return false;
}

// After 号, characters that make it a line, a document, a machine: 3号线 (metro line 3).
bool ZhNotAddressAfter(std::string_view v, std::size_t i) {
  std::size_t len;
  const int32_t cp = CodePointAt(v, i, &len);
  // 线 (line) 文 (document) 令 (order) 机 (machine) 站 (station) 车 (car) 票 (ticket) 位 (seat)
  // 球 (ball) 码 (code) 字 (character) 窗 (window) 出 (exit) 入 (entrance)
  static constexpr int32_t kNot[] = {0x7EBF, 0x6587, 0x4EE4, 0x673A, 0x7AD9, 0x8F66, 0x7968,
                                     0x4F4D, 0x7403, 0x7801, 0x5B57, 0x7A97, 0x51FA, 0x5165};
  return std::find(std::begin(kNot), std::end(kNot), cp) != std::end(kNot);
}

// The start of the Chinese place name that ends at j: Han characters back to a verb, particle
// or punctuation, at most 20.
std::size_t ZhNameStart(std::string_view v, std::size_t j) {
  std::size_t p = j;
  for (int n = 0; n < 20 && p > 0; ++n) {
    std::size_t start;
    const int32_t cp = CodePointBefore(v, p, &start);
    if (!IsHan(cp)) {
      // Digits and letters inside names ("798艺术区", "SOHO现代城") stop it too: keep it short.
      break;
    }
    if (std::find(std::begin(kZhStops), std::end(kZhStops), cp) != std::end(kZhStops)) break;
    p = start;
  }
  return p;
}

// Numbers and units from i: "88号", "27号院3号楼1单元502室", "3栋2单元401", "3-2-401".
std::size_t ZhUnitsFrom(std::string_view v, std::size_t i, int* units, bool* room_unit) {
  std::size_t k = i;
  std::size_t end = 0;
  bool open_room = false;  // after 单元, 楼, 层 or 栋 a bare number is the flat
  for (int n = 0; n < 6; ++n) {
    const std::size_t s = SkipSpaces(v, k, 3);
    DigitRun d = DigitRunAt(v, s);
    std::size_t e = d.end;
    if (d.empty()) {
      // A building letter: A座, B栋
      if (s < v.size() && IsUpperAscii(v[s])) {
        e = s + 1;
      } else {
        break;
      }
    } else if (d.count > 5) {
      break;
    }
    std::size_t u;
    const std::size_t t = SkipSpaces(v, e, 3);
    if (ZhUnitAt(v, t, &u)) {
      if (At(v, t, "号") && ZhNotAddressAfter(v, u)) break;
      const std::string_view unit = v.substr(t, u - t);
      open_room = unit == "单元" || unit == "楼" || unit == "层" || unit == "栋" || unit == "幢" ||
                  unit == "号楼" || unit == "座" || unit == "门" || unit == "單元" ||
                  unit == "樓" || unit == "號樓" || unit == "棟";
      if (unit == "单元" || unit == "室" || unit == "户" || unit == "單元") *room_unit = true;
      end = k = u;
      ++*units;
      continue;
    }
    // "3-2-401": building, entrance, flat.
    if (!d.empty() && e < v.size() && v[e] == '-' && DigitAt(v, e + 1)) {
      std::size_t q = e;
      int parts = 1;
      while (q < v.size() && v[q] == '-' && DigitAt(v, q + 1) && parts < 4) {
        q = RunEnd(v, q + 1);
        ++parts;
      }
      if (parts >= 3 && !DigitAt(v, q)) {
        end = q;
        *units += parts;
        *room_unit = true;
      }
      break;
    }
    if (open_room && !d.empty() && d.count >= 2 && d.count <= 4 &&
        !(e < v.size() && IsAlnumAscii(v[e]))) {
      end = e;
      ++*units;
      *room_unit = true;
    }
    break;
  }
  return end;
}

}  // namespace

void FindAddresses(std::string_view v, Candidates& taken) {
  const TakenSpans before_us(taken);
  std::size_t resume = 0;
  auto add = [&](std::size_t begin, std::size_t end) {
    if (end <= begin || begin < resume || before_us.Overlaps(begin, end)) return false;
    taken.push_back({kPriorityAddress, {IdentifierKind::kAddress, begin, end}});
    resume = end;
    return true;
  };
  std::size_t i = 0;
  while (i < v.size()) {
    // Anchors: digits of either width, and capital letters right after Chinese text (A座).
    const auto b = static_cast<unsigned char>(v[i]);
    std::size_t len = 1;
    const bool digit = IsDigit(v[i]) || (b == 0xEF && DigitValueAt(v, i, &len) >= 0);
    if (!digit && !(IsUpperAscii(v[i]) && i > 0 && static_cast<unsigned char>(v[i - 1]) >= 0x80)) {
      ++i;
      continue;
    }
    // Numbers inside what was found before (a date, a plate, a phone number) are not houses.
    if (const std::size_t skip = before_us.Skip(i); skip != i) {
      i = skip;
      continue;
    }
    std::size_t before;
    const std::size_t j = SkipSpacesBack(v, i, 3);
    const int32_t prev = CodePointBefore(v, j, &before);
    if (IsHan(prev)) {
      // Chinese: numbers and units after a road or compound name.
      int units = 0;
      bool room = false;
      const std::size_t end = ZhUnitsFrom(v, i, &units, &room);
      if (end != 0) {
        const bool street = ZhStreetEndBefore(v, j);
        const std::size_t begin = street ? ZhNameStart(v, j) : i;
        if (((street && begin < j) || (units >= 2 && room)) && add(begin, end)) {
          i = end;
          continue;
        }
      }
      i += len;
      continue;
    }
    if (!digit || len != 1 || (i > 0 && IsAlnumAscii(v[i - 1]))) {
      ++i;
      continue;
    }
    const HouseNumber h = HouseNumberAt(v, i);
    if (h.end != 0) {
      Span s = NameThenNumber(v, h);
      if (s.end == 0) s = NumberThenName(v, h);
      if (s.end != 0 && add(s.begin, s.end)) {
        i = s.end;
        continue;
      }
    }
    i = RunEnd(v, i);
  }
}

}  // namespace citynet::privacy::internal
