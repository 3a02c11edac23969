#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
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
    "camino", "cno", "diagonal", "diag", "ronda", "travesía", "travesia", "trav", "pº", "rda", "gta", "carrer",
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
    "covid", "postcode", "postnummer", "postnr", "zip", "zipcode", "cp", "código", "codigo",
    "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "lunes", "martes",
    "miércoles", "miercoles", "jueves", "viernes", "sábado", "sabado", "domingo",
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
constexpr std::string_view kDanishFloorWordsList[] = {"st", "stuen", "kl", "kld", "kælder", "kaelder",
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
    "retiro", "once", "boedo", "balvanera", "colegiales", "núñez", "nuñez", "saavedra", "villa",
    "chacarita", "barracas", "constitución", "monserrat", "agronomía", "floresta", "liniers",
    "mataderos", "devoto", "urquiza", "coghlan", "parque", "pompeya", "boca", "telmo",
    "madrid", "sevilla", "valencia", "salamanca", "chamberí", "chamartín", "gràcia", "gracia", "eixample",
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
// Places of a building before "de": "El edificio de Chile 55", "En la puerta de Aráoz 25", "la
// vereda de Laprida 77".
constexpr std::string_view kPlaceNounsList[] = {
    "edificio", "edificios", "puerta", "casa", "vereda", "esquina", "entrada", "frente",
    "altura", "cuadra", "portal", "local", "negocio", "departamento", "depto", "domicilio",
    "dirección", "direccion", "numeración", "numeracion", "garaje", "cochera", "kiosco",
    "almacén", "almacen", "obra", "terreno", "lote", "galpón", "galpon", "zaguán", "zaguan",
    "sótano", "sotano", "patio", "terraza", "azotea", "techo", "fachada", "balcón", "balcon",
    "salón", "salon", "ventana", "jardín", "jardin", "vivienda", "casa", "timbre", "buzón",
    "buzon", "medianera", "pasillo", "hall", "palier", "ascensor",
};
constexpr WordSet kPlaceNouns(kPlaceNounsList);
// Small words of Danish and Spanish sentences that lower-case typing puts next to a street's
// name, and that no name is: possessives, articles, verbs of being and having.
constexpr std::string_view kNotLowerStreetWordsList[] = {
    "hans", "hendes", "deres", "vores", "min", "mit", "mine", "din", "dit", "sin", "sit",
    "jeres", "dens", "dets", "den", "det", "denne", "dette", "en", "et", "ny", "nye", "gamle",
    "gammel", "store", "lille", "lange", "korte", "hver", "samme", "anden", "andet", "første",
    "er", "var", "har", "havde", "bliver", "blev", "kan", "skal", "vil", "som", "ad", "af",
    "tiene", "tienen", "tenía", "tenia", "hay", "había", "habia", "es", "son", "era", "fue",
    "está", "esta", "están", "estan", "estaba", "mide", "cuenta", "lleva", "suma", "pasa",
    "pasan", "cruza", "corta", "va", "van", "queda", "quedan", "con", "sin", "por", "para",
    "entre", "hasta", "desde", "sobre", "que", "cada", "más", "mas", "menos", "unos", "unas",
    "solo", "sólo", "apenas", "casi", "hace", "tras", "según", "segun", "como", "muy", "ya",
    "no", "se", "le", "les", "lo", "mi", "tu", "su", "sus", "nuestra", "nuestro", "el", "la",
    "un", "una", "al", "otro", "otra", "misma", "mismo", "nueva", "nuevo", "vieja", "viejo",
    "nr", "nro", "número", "numero", "nummer", "n", "ved", "bag", "over", "under", "mod",
    "langs", "hos", "nær", "til", "fra", "efter", "før", "foran", "overfor",
};
constexpr WordSet kNotLowerStreetWords(kNotLowerStreetWordsList);
// Last words of names that number documents, plans and standards ("Lokalplan nr. 524", "Norma
// IRAM 3501"): as suffixes of compounds too.
constexpr std::string_view kDocumentSuffixesList[] = {"plan", "planen", "lov", "loven",
                                                      "bekendtgørelse", "norm", "norma",
                                                      "standard", "direktiv", "forordning"};
constexpr WordSet kDocumentSuffixes(kDocumentSuffixesList);
// Before the street's name in the US and often in the UK: "2321 E. Washington St", "5995 n
// brook way", "1215 South Mount Pleasant St".
constexpr std::string_view kDirectionsList[] = {"n",  "s",  "e",     "w",     "ne",   "nw",
                                                "se", "sw", "north", "south", "east", "west"};
constexpr WordSet kDirections(kDirectionsList);
// Words that a number counts or measures, or that describe what it counts, and small words:
// never the name of a street typed in lower case ("a 20 minute drive", "3 more road
// crossings", "2 lane road", "a 3 bedroom place").
constexpr std::string_view kNotLowerNamesList[] = {
    "minute",  "mile",       "hour",       "second",    "day",      "week",     "month",
    "year",    "meter",      "metre",      "foot",      "feet",     "block",    "lane",
    "step",    "bedroom",    "bed",        "storey",    "story",    "floor",    "room",
    "door",    "seat",       "star",       "hole",      "way",      "car",      "bike",
    "bus",     "train",      "more",       "less",      "other",    "few",      "many",
    "several", "extra",      "additional", "different", "separate", "whole",    "entire",
    "full",    "half",       "single",     "double",    "triple",   "first",    "second",
    "third",   "last",       "next",       "same",      "own",      "such",     "very",
    "really",  "quite",      "too",        "big",       "small",    "large",    "little",
    "huge",    "tiny",       "nice",       "good",      "bad",      "great",    "long",
    "short",   "busy",       "quiet",      "dangerous", "narrow",   "wide",     "steep",
    "local",   "public",     "private",    "nearby",    "times",    "per",      "a",
    "an",      "the",        "of",         "to",        "in",       "on",       "at",
    "by",      "for",        "from",       "with",      "and",      "or",       "but",
    "is",      "are",        "was",        "were",      "be",       "been",     "has",
    "have",    "had",        "do",         "does",      "did",      "will",     "would",
    "can",     "could",      "should",     "may",       "might",    "must",     "not",
    "no",      "yes",        "all",        "any",       "some",     "each",     "every",
    "this",    "that",       "these",      "those",     "my",       "our",      "your",
    "his",     "her",        "their",      "its",       "it",       "we",       "you",
    "they",    "he",         "she",        "i",         "me",       "us",       "them",
    "as",      "so",         "if",         "than",      "then",     "there",    "here",
    "where",   "when",       "what",       "which",     "who",      "how",      "why",
    "about",   "into",       "onto",       "over",      "under",    "up",       "down",
    "out",     "off",        "near",       "past",      "via",      "through",  "across",
    "along",   "around",     "between",    "behind",    "beside",   "opposite", "outside",
    "inside",  "towards",    "toward",     "new-build", "bus-stop", "parking",  "cycle",
    "cycling", "pedestrian", "traffic",    "speed",     "green",    "main",     "high",
};
constexpr WordSet kNotLowerNames(kNotLowerNamesList);
// Words that are names only at the start of a lower-case name: "main street", "high road",
// "green lane" are streets, "3 main roads" and "2 green spaces" are counts.
constexpr std::string_view kLowerFirstNamesList[] = {"main",   "high",    "green", "new", "old",
                                                     "church", "station", "park",  "mill"};
constexpr WordSet kLowerFirstNames(kLowerFirstNamesList);

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
    {"flat at"}, {"house at"}, {"apartment at"}, {"bor"}, {"bor:"}, {"postadresse"}, {"hjemme på"}, {"home at"}, {"casa en"}, {"vivienda en"}, {"dir."},
    {"dir:"}, {"entregar en"}, {"mandar a"}, {"enviar a"}, {"afleveres på"}, {"leveret til"},
    {"dom."}, {"dom:"}, {"remitente"}, {"afsender"}, {"avsender"}, {"sender:"}, {"mudamos a"}, {"mudamos de"}, {"mudé de"}, {"mudó de"}, {"mudaron a"},
    {"mudaron de"}, {"mudarme a"}, {"mudarnos a"}, {"flytter til"}, {"flyttet fra"},
    {"moving to"}, {"moved from"},
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

// "N°", "nº", "N.º", "n°" at m: the ordinal sign after N, not "nr." or "#".
bool OrdinalSignMarker(std::string_view v, std::size_t m) {
  std::size_t k = m + 1;
  if (k < v.size() && v[k] == '.') ++k;
  return k + 1 < v.size() && (At(v, k, "\xC2\xB0") || At(v, k, "\xC2\xBA"));
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

// Nouns that follow Danish ordinals: "100. år", "50. jubilæum", "3. etape".
constexpr std::string_view kOrdinalNounsList[] = {
    "etape",  "etaper",   "gang",  "år",      "årsdag", "jubilæum", "udgave",     "runde",
    "klasse", "division", "plads", "time",    "minut",  "uge",      "dag",        "del",
    "fase",   "trin",     "sæson", "kvartal", "halvår", "omgang",   "behandling", "version",
};
constexpr WordSet kOrdinalNouns(kOrdinalNounsList);

// A comma stands between the house number and k: "Grøndalsvej 15, 2. hver nat".
bool CommaBefore(std::string_view v, std::size_t k) {
  const std::size_t b = SkipSpacesBack(v, k, 3);
  return b > 0 && v[b - 1] == ',';
}

// After a Danish floor's dot at p: the sentence goes on with a small word ("2. i stedet"), or
// punctuation ends the address ("25 3.!", "34 2. –", "60 5.."). Not an ordinal's noun or a
// month ("1. etape", "3. maj").
bool FloorEndsAt(std::string_view v, std::size_t p, bool comma) {
  const std::size_t q = SkipSpaces(v, p, 2);
  if (q >= v.size()) return true;
  const unsigned char c = static_cast<unsigned char>(v[q]);
  if (c < 0x80 && !IsAlnumAscii(v[q])) return true;
  if (At(v, q, "\xE2\x80\x93") || At(v, q, "\xE2\x80\x94") || At(v, q, "\xC2\xBB") ||
      At(v, q, "\xE2\x80\x9C") || At(v, q, "\xE2\x80\x9D")) {
    return true;  // – — » “ ”
  }
  if (!comma || q == p) return false;
  const Word w = WordAt(v, q);
  if (w.empty() || !w.lower || WordIn(v, w, kOrdinalNouns) || WordIn(v, w, kQuantityWords)) {
    return false;
  }
  std::size_t month_end, letters;
  return MonthAt(v, q, &month_end, &letters) == 0;
}

// How a floor's number is written after its digits: with a dot (Denmark's "3."), or as an
// ordinal (a sign, "6°", "9.º", or a suffix, "5to", "8.o").
struct FloorMark {
  std::size_t end;  // past the dot, sign or suffix
  bool dot;
  bool ordinal;
};

// The mark after a floor's digits, which end at e. Returns the unit's end when the number alone
// decides it (Spain's "3-B", a flat's "4B"; 0 when a letter makes it no unit), else nothing and
// *mark filled.
std::optional<std::size_t> FloorMarkAt(std::string_view v, std::size_t e, FloorMark* mark) {
  std::size_t p = e;
  bool dot = false;
  bool ordinal = false;
  if (p < v.size() && v[p] == '.' && IsOrdinalMark(v, p + 1)) {
    ordinal = true;  // Spain's "9.º A"
    p += 3;
  } else if (p + 2 < v.size() && v[p] == '.' && (v[p + 1] == 'o' || v[p + 1] == 'a') &&
             v[p + 2] == ' ') {
    ordinal = true;  // the same typed without the sign: "8.o A"
    p += 2;
  } else if (p < v.size() && v[p] == '.') {
    dot = true;
    ++p;
  } else if (p + 1 < v.size() && v[p] == '-' && IsAlphaAscii(v[p + 1]) && WordEndsAt(v, p + 2) &&
             !(p + 2 < v.size() && v[p + 2] == '-')) {
    return p + 2;  // Spain's floor and door: "3-B", "1-c"
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
  *mark = {p, dot, ordinal};
  return std::nullopt;
}

// After an ordinal floor that ends at p: "6° A", "1°C", 4° "B", "4º 2ª": a letter or number
// for the flat may follow at q.
std::size_t FlatAfterOrdinalAt(std::string_view v, std::size_t p, std::size_t q) {
  if (q < v.size() && IsAlphaAscii(v[q]) && WordEndsAt(v, q + 1)) return q + 1;
  const std::size_t quoted = QuotedLabelAt(v, q);
  if (quoted != 0) return quoted;
  const DigitRun d = DigitRunAt(v, q);
  if (!d.empty() && d.count <= 2 && q == p + 1 && WordEndsAt(v, d.end)) {
    return d.end + (IsOrdinalMark(v, d.end) ? 2 : 0);
  }
  return p;
}

// After a Danish floor's number (k to e) and its dot (ending at p): a door, or the floor alone.
// Returns the end, or 0.
std::size_t DoorAfterFloorAt(std::string_view v, std::size_t k, std::size_t e, std::size_t p) {
  const bool comma = CommaBefore(v, k);
  // A floor and a door: "4. 13.", "1. 21", "3.20", "2.8".
  const std::size_t r = SkipSpaces(v, p, 2);
  const DigitRun door = DigitRunAt(v, r);
  if (!door.empty() && door.count <= 3 && WordEndsAt(v, door.end) &&
      !(door.end + 1 < v.size() && (v[door.end] == '.' || v[door.end] == ',') &&
        DigitAt(v, door.end + 1))) {
    if (r > p && door.end < v.size() && v[door.end] == '.') return door.end + 1;
    if ((r == p || comma) && FloorEndsAt(v, door.end, comma)) return door.end;
  }
  // "12, 3." at the end, or the sentence goes on: a floor without side.
  if (e - k <= 2 && FloorEndsAt(v, p, comma)) return p;
  return 0;
}

// A unit that starts with a number at k: a Danish floor ("3. th", "2.tv", "1. sal", "4 mf"), an
// Argentine one ("6° A", "1°C", "5to piso", "3º izq."). Returns its end, or 0.
std::size_t NumberedUnitAt(std::string_view v, std::size_t k) {
  const std::size_t e = RunEnd(v, k);
  if (e - k > 2) return 0;
  FloorMark mark{};
  if (const std::optional<std::size_t> decided = FloorMarkAt(v, e, &mark)) return *decided;
  const std::size_t p = mark.end;
  const std::size_t q = SkipSpaces(v, p, 2);
  const Word w = WordAt(v, q);
  if (!w.empty() && (WordIn(v, w, kDanishSides) || WordIn(v, w, kSpanishSides) ||
                     WordIn(v, w, {"sal", "piso", "pl", "planta", "floor", "fl"}))) {
    return UnitWordEnd(v, w);
  }
  if (mark.ordinal) return FlatAfterOrdinalAt(v, p, q);
  if (mark.dot) return DoorAfterFloorAt(v, k, e, p);
  return 0;
}

// Denmark's ground floor or cellar word w ("st.", "stuen", "kl."), alone or with a side or a
// door. Returns the unit's end, or 0.
std::size_t GroundFloorAt(std::string_view v, const Word& w) {
  const std::size_t q = SkipSpaces(v, w.after(), 2);
  const Word side = WordAt(v, q);
  if (!side.empty() && WordIn(v, side, kDanishSides)) return side.after();
  // "st 3", "st. 12": the door's number on the ground floor.
  const DigitRun door = DigitRunAt(v, q);
  if (q > w.end && !door.empty() && door.count <= 3 && WordEndsAt(v, door.end) &&
      !(door.end + 1 < v.size() && DigitAt(v, door.end + 1))) {
    return door.end;
  }
  // "st" alone could be many things; with its dot or spelt out it is the ground floor.
  if (w.dot || w.size() > 2) return UnitWordEnd(v, w);
  return 0;
}

// Written together, "st.tv." reads as one word: whether w is a floor and a side.
bool FloorAndSideJoined(std::string_view v, const Word& w) {
  const std::size_t dot = v.substr(w.begin, w.size()).find('.');
  if (dot == std::string_view::npos) return false;
  const Word floor = WordAt(v.substr(0, w.begin + dot), w.begin);
  const Word side = WordAt(v, w.begin + dot + 1);
  return WordIn(v, floor, kDanishFloorWords) && side.end == w.end && WordIn(v, side, kDanishSides);
}

// A Spanish floor or side word w ("bajo", "ático", "izq."), and the flat that may follow it
// ("bajo A", "ático 2"). Returns the unit's end.
std::size_t SpanishSideAt(std::string_view v, const Word& w) {
  const std::size_t q = SkipSpaces(v, UnitWordEnd(v, w), 2);
  if (q > w.after() && q < v.size() &&
      ((IsUpperAscii(v[q]) && WordEndsAt(v, q + 1)) ||
       (IsDigit(v[q]) && RunEnd(v, q) - q <= 2 && WordEndsAt(v, RunEnd(v, q))))) {
    const std::size_t e = IsDigit(v[q]) ? RunEnd(v, q) : q + 1;
    return e + (IsOrdinalMark(v, e) ? 2 : 0);
  }
  return UnitWordEnd(v, w);
}

// One floor, side or flat at k (after optional comma). Returns its end, or 0.
std::size_t UnitAt(std::string_view v, std::size_t k) {
  if (k >= v.size()) return 0;
  if (IsDigit(v[k])) return NumberedUnitAt(v, k);
  const Word w = WordAt(v, k);
  if (w.empty()) {
    if (v[k] == '#') return UnitLabelAt(v, k);
    return 0;
  }
  if (WordIn(v, w, kDanishFloorWords)) return GroundFloorAt(v, w);
  if (FloorAndSideJoined(v, w)) return w.after();
  if (WordIn(v, w, kDanishSides)) return w.after();
  if (WordIn(v, w, kSpanishSides)) return SpanishSideAt(v, w);
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

// Argentina writes the flat's number alone after the house's: "Humberto Primo nº 197 137",
// "Av. Figueroa Alcorta 1040, 110 (entrada ...)". Only where the address ends after it: a word
// after it is counted ("1578, 200 metros"), a year dates it.
std::size_t FlatNumberAt(std::string_view v, std::size_t s) {
  const DigitRun d = DigitRunAt(v, s);
  if (d.empty() || d.count > 4 || !WordEndsAt(v, d.end)) return 0;
  if (d.count == 4 && d.value >= 1900 && d.value <= 2099) return 0;
  const std::size_t q = SkipSpaces(v, d.end, 2);
  if (q >= v.size() || v[q] == ',' || v[q] == '(' || v[q] == ')' || v[q] == ';' ||
      (v[q] == '.' && SkipSpaces(v, q + 1, 2) >= v.size())) {
    return d.end;
  }
  return 0;
}

// Floors, sides and flats, one after another: ", piso 5, depto B", " PB dto 3", ", 3. th.".
std::size_t UnitsAt(std::string_view v, std::size_t k, int* count) {
  std::size_t end = k;
  for (int n = 0; n < 4; ++n) {
    const std::size_t s = SkipComma(v, end);
    std::size_t e = UnitAt(v, s);
    if (e == 0 && n == 0 && s > end) e = FlatNumberAt(v, s);
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
// With `lower`, a town typed in lower case ("yatay 473, caba").
bool TownAfter(std::string_view v, std::size_t k, bool lower = false) {
  std::size_t s = SkipSpaces(v, k, 2);
  if (s >= v.size() || (v[s] != ',' && v[s] != '(' && v[s] != '-')) return false;
  // "Córdoba 1234 - CABA"; "26-Mar-2010" is a date.
  if (v[s] == '-' && (s == k || SkipSpaces(v, s + 1, 2) == s + 1)) return false;
  s = SkipSpaces(v, s + 1, 2);
  const Word w = WordAt(v, s);
  return !w.empty() && (w.capital || lower) && WordIn(v, w, kTowns);
}

// After [.., end): the end of the text, or of a sentence that another begins after ("Carranza
// 2383. Gracias por ...").
bool SentenceEndsAt(std::string_view v, std::size_t end) {
  std::size_t p = end;
  const bool stop = p < v.size() && (v[p] == '.' || v[p] == '!');
  if (stop) ++p;
  p = SkipSpaces(v, p, 4);
  if (p >= v.size()) return true;
  const Word w = WordAt(v, p);
  return stop && p > end + 1 && !w.empty() && w.capital;
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
  // "Nº2984": the number right after the marker's ordinal sign.
  if (!RunStartsAt(v, i) || (!WordStartsAt(v, i) && !(i >= 2 && IsOrdinalMark(v, i - 2)))) {
    return h;
  }
  const std::size_t e = RunEnd(v, i);
  if (e - i > 5) return h;
  h.begin = i;
  h.digits = static_cast<int>(e - i);
  h.value = Number(v.substr(i, e - i));
  if (h.value == 0) return h;
  std::size_t k = e;
  if (k < v.size()) {
    const char c = v[k];
    // Decimals, thousands, times, dates and fractions are not house numbers; a Danish floor
    // written after a comma without a space is no decimal: "Kærvej 31,6. tv", "Vej 27,2 th".
    if ((c == '.' || c == ',' || c == ':' || c == '/') && DigitAt(v, k + 1) &&
        !(c == ',' && RunEnd(v, k + 1) - k - 1 <= 2 && UnitAt(v, k + 1) != 0)) {
      return h;
    }
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
  } else if (k + 1 < v.size() && v[k] == ' ' &&
             ((IsUpperAscii(v[k + 1]) && v[k + 1] != 'I' &&
               !(k + 2 < v.size() && v[k + 2] == '.')) ||
              // typed in lower case, a letter alone before a comma or the end: "jagtvej 69 b,"
              (IsLowerAscii(v[k + 1]) && v[k + 1] != 'i' && v[k + 1] != 'a' && v[k + 1] != 'y' &&
               v[k + 1] != 'o' && v[k + 1] != 'e' && (k + 2 >= v.size() || v[k + 2] == ','))) &&
             WordEndsAt(v, k + 2)) {
    // "Jagtvej 69 B": a capital letter alone (not "12 I", nor "2321 E. Washington St").
    k += 2;
  } else if (!WordEndsAt(v, k)) {
    return h;
  }
  h.end = k;
  return h;
}

bool IsYear(const HouseNumber& h) { return h.digits == 4 && h.value >= 1800 && h.value <= 2099; }

// The number counts something ("Nørrebrogade 30 cyklister") or starts a date ("12. marts").
// Words that begin sentences typed in lower case: after them, a full stop ended the last one.
constexpr std::string_view kSentenceStartsList[] = {
    "tak",  "generelt", "der",    "det",    "jeg",     "vi",      "men", "og",
    "hej",  "ellers",   "så",     "han",    "hun",     "de",      "den", "i",
    "på",   "hilsen",   "mvh",    "vh",     "bussen",  "husk",    "ps",  "obs",
    "ring", "send",     "skriv",  "mejoró", "faltan",  "falta",   "hay", "la",
    "el",   "los",      "las",    "en",     "gracias", "saludos", "por", "the",
    "we",   "it",       "thanks", "please", "i",       "my",      "our",
};
constexpr WordSet kSentenceStarts(kSentenceStartsList);

// The start of the run of digits that ends at k.
std::size_t RunStartOf(std::string_view v, std::size_t k) {
  while (k > 0 && IsDigit(v[k - 1])) --k;
  return k;
}

// Words ending like plurals that count nothing: quantifiers, demonstratives, adverbs.
constexpr std::string_view kNotCountedWordsList[] = {
    "todas", "todos", "ambas", "ambos", "varias", "varios", "muchas", "muchos", "pocas",
    "pocos", "algunas", "algunos", "otras", "otros", "estas", "estos", "aquellas", "aquellos",
    "nuestras", "nuestros", "mismas", "mismos", "demás", "antes", "entonces", "además",
    "apenas", "jamás", "detrás", "atrás", "always", "sometimes", "towards", "besides",
    "perhaps", "unless", "whereas", "across", "nowadays", "afterwards", "ellers", "alligevel",
};
constexpr WordSet kNotCountedWords(kNotCountedWordsList);

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
  // "300 comercios", "120 parking": a Spanish or English plural after the number counts;
  // "1317 todas las noches", "12 always" go on with the sentence.
  if (!dot && !w.capital && w.size() >= 5 && v[w.end - 1] == 's' && !IsUnitWord(v, w) &&
      !WordIn(v, w, kSpanishSides) && !WordIn(v, w, kNotCountedWords)) {
    return true;
  }
  std::size_t month_end, letters;
  if (MonthAt(v, p, &month_end, &letters) != 0 && (dot || letters >= 4)) return true;
  // "27 de Febrero", "4 of July": a date, or a street named after one, whose number follows.
  if (!dot && !w.capital && (w.size() == 2 || w.size() == 3) &&
      (StartsWithFolded(v, p, "de ") || StartsWithFolded(v, p, "of ")) &&
      MonthAt(v, SkipSpaces(v, p + 3, 2), &month_end, &letters) != 0 && letters >= 4) {
    return true;
  }
  // "Amagerbrogade 1. etape": a Danish ordinal before a noun (a floor or side is read before
  // this is asked). Ordinals are small; a full stop after a house number may end a sentence
  // typed in lower case ("hans tavsens gade 40. tak for ...").
  if (dot && !w.capital && w.lower) {
    const DigitRun d = DigitRunAt(v, k > 0 && IsDigit(v[k - 1]) ? RunStartOf(v, k) : k);
    return (d.count > 0 && d.value <= 20 && !WordIn(v, w, kSentenceStarts)) ||
           WordIn(v, w, kOrdinalNouns);
  }
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
  bool lone_type = false;      // "Torvet", "Boulevarden": a type word alone
  bool lower = false;          // a word of the name is in lower case, with no type
  // Neither: capitalised words only, which need other evidence.
};

// A name found from `begin`, of the kind `flag` says (none: capitalised words only).
Name FoundAt(std::size_t begin, bool Name::*flag = nullptr) {
  Name name;
  name.found = true;
  name.begin = begin;
  if (flag != nullptr) name.*flag = true;
  return name;
}

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

// A word of a street's name typed in lower case ("calle sagasta", "vigerslev allé"): not a small
// word of the sentence, nor one that counts or numbers something else.
bool LowerStreetWord(std::string_view v, const Word& w) {
  if (w.capital || w.size() < 2) return false;
  return !WordIn(v, w, kNotLowerStreetWords) && !WordIn(v, w, kNotNameWords) &&
         !WordIn(v, w, kQuantityWords) && !WordIn(v, w, kNotStreetWords) && !IsUnitWord(v, w) &&
         !WordIn(v, w, kNotLowerNames);
}

bool IsMonth(std::string_view v, const Word& w) {
  std::size_t end;
  return MonthAt(v, w.begin, &end) != 0;
}

// The text before `begin` is typed in capitals: a word of three letters or more before it,
// and no lower-case letter in the last 48 bytes.
bool CapitalsTextBefore(std::string_view v, std::size_t begin) {
  const std::size_t from = begin > 48 ? begin - 48 : 0;
  int words = 0;
  std::size_t run = 0;
  for (std::size_t k = from; k < begin; ++k) {
    if (IsLowerAscii(v[k])) return false;
    if (IsUpperAscii(v[k])) {
      ++run;
    } else {
      if (run >= 3) ++words;
      run = 0;
    }
  }
  return words >= 1;
}

// A token of a street name before the number: a word, or digits ("9 de Julio", "Calle 50").
struct NameToken {
  Word w;
  bool digits = false;
  std::size_t begin = 0;
};

// The tokens of a street name, read from right to left: tokens[0] is next to the number.
struct NameTokens {
  NameToken tokens[8];
  int n = 0;
  bool compound = false;     // the word next to the number is a compound street name
  bool prefix_type = false;  // a type begins the name: "Av. Corrientes", "C/ Mayor"
  std::size_t begin = 0;     // of the name read so far
};

// "9 de Julio", "25 de Mayo" inside a name; "Calle 50" as a name. Takes the digits ending at
// `p`, or returns false when they end the name.
bool TakeNameDigits(std::string_view v, std::size_t p, bool marker, NameTokens& t) {
  std::size_t b = p;
  while (b > 0 && IsDigit(v[b - 1]) && p - b <= 3) --b;
  if (p - b > 3 || !WordStartsAt(v, b)) return false;
  const bool date_name = t.n >= 2 && IsConnector(v, t.tokens[t.n - 1].w);
  if (!date_name && !(t.n == 0 && marker)) return false;
  t.tokens[t.n++] = {Word{}, true, b};
  t.begin = b;
  return true;
}

// Whether `w` is a street type that begins the name read so far.
bool IsTypeBeforeName(std::string_view v, const Word& w, bool loose, const NameTokens& t) {
  // "C. de Sant Antoni", "C. del Parlament": "C." abbreviates calle and carrer before "de".
  const bool c_dot = w.size() == 1 && w.dot && t.n > 0 && !t.tokens[t.n - 1].digits &&
                     StartsWithFolded(v, w.begin, "c") && IsConnector(v, t.tokens[t.n - 1].w);
  return c_dot || (IsPrefixType(v, w) && !(t.n == 0 && w.capital && WordIn(v, w, kTypeWords)) &&
                   !(t.n == 0 && loose && WordIn(v, w, kTypeWords)));
}

// Ends the name at the street type `w` before it; false when there is no name.
bool TakeTypeBeforeName(std::string_view v, const Word& w, NameTokens& t) {
  // "Calle 50", "Avenida 9": the type alone before a number makes the number the name;
  // after another type it is the name ("Avda. Diagonal 640", "Av. Costanera 1500").
  if (t.n == 0) {
    const std::size_t q = SkipSpacesBack(v, w.begin, 2);
    const Word outer = q < w.begin ? WordBefore(v, q) : Word{};
    if (outer.empty() || outer.after() != q || !IsPrefixType(v, outer)) return false;
    t.prefix_type = true;
    t.tokens[t.n++] = {w, false, w.begin};
    t.begin = outer.begin;
    return true;
  }
  t.prefix_type = true;
  t.begin = w.begin;
  // "Av. Paseo Colón": a type before a name that begins with one.
  const std::size_t q = SkipSpacesBack(v, t.begin, 2);
  if (q < t.begin) {
    const Word outer = WordBefore(v, q);
    if (!outer.empty() && outer.after() == q && IsPrefixType(v, outer)) t.begin = outer.begin;
  }
  return true;
}

// A word typed in lower case that goes on the name read so far (with NameBefore's `loose`).
bool LooseNameWord(std::string_view v, const Word& w, const NameTokens& t) {
  const int n = t.n;
  // Lower case: the type word itself ("allé", "boulevarden"), or a word of the name. A
  // name word may be a connector's look-alike in another language ("d'aragó").
  // Initials too: "juan b. justo".
  bool name_word = (n == 0 && WordIn(v, w, kTypeWords)) || LowerStreetWord(v, w) ||
                   (n > 0 && w.dot && w.size() <= 2);
  // "entre" is a preposition, and Entre Ríos a province that streets everywhere are named
  // after.
  if (!name_word && n > 0 && w.size() == 5 && StartsWithFolded(v, w.begin, "entre")) {
    const Word& next = t.tokens[n - 1].w;
    name_word = next.size() >= 4 && (StartsWithFolded(v, next.begin, "ríos") ||
                                     StartsWithFolded(v, next.begin, "rios"));
  }
  // "hans" is a pronoun, and Hans a name: "hans tavsens gade", "sankt hans torv".
  if (!name_word && n > 0 && w.size() == 4 && StartsWithFolded(v, w.begin, "hans")) {
    const Word& next = t.tokens[n - 1].w;
    const Word saint = WordBefore(v, SkipSpacesBack(v, w.begin, 2));
    name_word = (!t.tokens[n - 1].digits && next.size() > 3 && v[next.end - 1] == 's') ||
                (!saint.empty() && WordIn(v, saint, {"sankt", "skt", "sct"}));
  }
  return name_word;
}

// What the word before the name read so far does to it.
enum class NameStep {
  kGoOn,  // the word is part of the name
  kEnd,   // the name ends before the word, or at it when it is a type
  kNone,  // there is no name
};

// Takes the word ending at `p` into the name read so far.
NameStep TakeNameWord(std::string_view v, std::size_t p, bool loose, NameTokens& t) {
  const Word w = WordBefore(v, p);
  if (w.empty()) return NameStep::kEnd;
  if (IsTypeBeforeName(v, w, loose, t)) {
    return TakeTypeBeforeName(v, w, t) ? NameStep::kEnd : NameStep::kNone;
  }
  // A full stop after a word longer than an abbreviation ends the sentence before the name
  // ("La plaza necesita arreglos. Punto 3"); "Av. Pres. Figueroa Alcorta" goes on.
  // Next to the number too: "Legepladsen trænger til at blive renoveret. 9 802 000 kr".
  if (w.dot && w.size() > 4 && !IsPrefixType(v, w) && !EndsWithFolded(v, w, "str", 3)) {
    return NameStep::kEnd;
  }
  // Prefixes typed in lower case go with a compound: "store kongensgade", "gl. kongevej".
  if (t.n == 0) t.compound = IsStreetSuffixWord(v, w);
  bool name_word =
      w.capital || IsConnector(v, w) || (t.n == 0 && t.compound) ||
      (t.n > 0 && t.compound && (WordIn(v, w, kNamePrefixes) || (w.dot && w.size() <= 3)));
  if (!name_word && loose) name_word = LooseNameWord(v, w, t);
  if (!name_word) return NameStep::kEnd;
  if (w.capital && WordIn(v, w, kNotNameWords)) return NameStep::kEnd;
  t.tokens[t.n++] = {w, false, w.begin};
  t.begin = w.begin;
  return NameStep::kGoOn;
}

// Reads the tokens of a street name from right to left, from `p` back: up to seven, or up to
// a type that begins the name. False when there is no name.
bool ReadNameTokens(std::string_view v, std::size_t p, bool marker, bool loose, NameTokens& t) {
  t.begin = p;
  while (t.n < 7) {
    if (IsDigit(v[p - 1])) {
      if (!TakeNameDigits(v, p, marker, t)) break;
    } else {
      const NameStep step = TakeNameWord(v, p, loose, t);
      if (step == NameStep::kNone) return false;
      if (step == NameStep::kEnd) break;
    }
    // "C/ Mayor", "c/Alcalá": the abbreviation of calle ends the name.
    const std::size_t cs = CalleSlashBefore(v, t.begin);
    if (cs != std::string_view::npos) {
      t.prefix_type = true;
      t.begin = cs;
      break;
    }
    const std::size_t q = SkipSpacesBack(v, t.begin, 2);
    if (q == t.begin || q == 0) break;
    p = q;
  }
  // Connectors cannot start a name.
  while (t.n > 0 && !t.tokens[t.n - 1].digits && IsConnector(v, t.tokens[t.n - 1].w) &&
         !t.prefix_type) {
    --t.n;
    t.begin = t.n > 0 ? t.tokens[t.n - 1].begin : t.begin;
  }
  return true;
}

// A compound street name ("Nørrebrogade"): known prefixes, initials and genitives go with it
// ("Gammel Kongevej", "Store Kongensgade", "Kongens Nytorv"); other capitalised words too, up
// to two ("Valby Langgade", "Amager Strandvej", "Roskilde Landevej").
Name CompoundName(std::string_view v, const NameTokens& t, bool loose) {
  int keep = 1;
  int others = 0;
  while (keep < t.n) {
    const Word& w = t.tokens[keep].w;
    if (t.tokens[keep].digits) break;
    const bool genitive = w.capital && w.lower && v[w.end - 1] == 's' && w.size() >= 3;
    if (!(WordIn(v, w, kNamePrefixes) || IsInitial(w) || genitive)) {
      // Typed in lower case, one such word: "valby langgade", "amager strandvej".
      if (!w.lower || (!w.capital && !loose) || ++others > (w.capital ? 2 : 1)) break;
    }
    ++keep;
  }
  while (keep > 1 && IsConnector(v, t.tokens[keep - 1].w)) --keep;
  return FoundAt(t.tokens[keep - 1].begin, &Name::street_suffix);
}

// A street type after the name: "Sankt Hans Torv", "H.C. Andersens Boulevard", "niels
// ebbesens vej"; alone, "Torvet" and "boulevarden" need more to be streets.
Name NameWithTypeAfter(std::string_view v, const NameTokens& t) {
  const NameToken& last = t.tokens[0];
  int keep = std::min(t.n, 5);
  while (keep > 1 && IsConnector(v, t.tokens[keep - 1].w)) --keep;
  bool named = last.w.capital;
  if (!last.w.capital) {
    // In lower case, words of the name that are not name prefixes ("ny vej" is no name).
    keep = std::min(keep, 4);
    for (int k = 1; k < keep; ++k) named = named || !WordIn(v, t.tokens[k].w, kNamePrefixes);
  }
  if (keep < 2 || !named) {
    // Alone or with prefixes only ("boulevarden", "sønder boulevard"): more must say so.
    return FoundAt(t.tokens[keep - 1].begin, &Name::lone_type);
  }
  return FoundAt(t.tokens[keep - 1].begin, &Name::street_suffix);
}

// Typed in lower case, with no type: one or two words ("darwin 76", "estados unidos 110") of
// the first `keep` tokens.
Name LowerCaseName(std::string_view v, const NameTokens& t, int keep) {
  int words = 0;
  for (int k = 0; k < keep; ++k) words += IsConnector(v, t.tokens[k].w) ? 0 : 1;
  if (words > 2) {
    // The name is what follows the last "de" ("la vecina de córdoba 6768").
    int cut = 0;
    while (cut < keep && !IsConnector(v, t.tokens[cut].w)) ++cut;
    if (cut == 0 || cut > 2 || cut == keep) return Name{};
    keep = cut;
  }
  // A month names a street after "de" and its day ("25 de mayo 3147").
  const NameToken& last = t.tokens[0];
  const bool date_name = keep >= 3 && IsConnector(v, t.tokens[1].w) && t.tokens[2].digits;
  if (WordIn(v, last.w, kNotStreetWords) || (IsMonth(v, last.w) && !date_name)) return Name{};
  return FoundAt(t.tokens[keep - 1].begin, &Name::lower);
}

// Capitalised words only: up to four, with at least one lower-case letter among them
// ("COP 26", "SDG 11" are codes), not ending in a word that numbers other things, a month
// ("24 April 2026") or an acronym ("Norma IRAM 3501").
// A number inside the name is a date's day ("25 de Mayo", "9 de Julio"): NameBefore takes
// one only before "de" and a word.
Name CapitalisedName(std::string_view v, const NameTokens& t) {
  const NameToken& last = t.tokens[0];
  // Up to four words besides connectors ("Remedios de Escalada de San Martín").
  int keep = 0;
  for (int words = 0; keep < t.n && words < 4; ++keep) {
    words += t.tokens[keep].digits || !IsConnector(v, t.tokens[keep].w) ? 1 : 0;
  }
  while (keep > 1 && !t.tokens[keep - 1].digits && IsConnector(v, t.tokens[keep - 1].w)) --keep;
  bool lower = false;
  bool lower_case = false;
  for (int k = 0; k < keep; ++k) {
    const NameToken& token = t.tokens[k];
    if (token.digits && k < 2) return Name{};
    lower = lower || (token.w.capital && token.w.lower);
    lower_case = lower_case || (!token.digits && !token.w.capital && !IsConnector(v, token.w));
  }
  if (lower_case) return LowerCaseName(v, t, keep);
  // A text typed all in capitals ("FRENTE A EVA PERÓN 3507", "MONTERO, CASTRO BARROS 6898")
  // has no lower-case letter to tell names from acronyms: its names of two letters or more go
  // on to what surrounds them.
  const bool capitals_text = !lower && CapitalsTextBefore(v, t.tokens[keep - 1].begin);
  if (!(lower || capitals_text) || !last.w.capital || WordIn(v, last.w, kNotStreetWords) ||
      IsUnitWord(v, last.w) || kDocumentSuffixes.EndsOneOf(v, last.w.begin, last.w.end, 0)) {
    return Name{};
  }
  if (!capitals_text && !last.w.lower && last.w.size() >= 2) return Name{};  // an acronym
  if (capitals_text && last.w.size() < 4) return Name{};  // "COP 26", "ISO 9001"
  // A month after its day ("Bin collection moved to 24 April 2026"); "9 de Julio" names one.
  if (IsMonth(v, last.w) && !(keep >= 2 && IsConnector(v, t.tokens[1].w))) return Name{};
  return FoundAt(t.tokens[keep - 1].begin);
}

// The street name ending just before `j` (the number or its marker), after spaces (or none when
// `adjacent`, for a name before a comma). With `loose`, words typed in lower case may be part of
// it ("calle sagasta 150", "vigerslev allé 37", "darwin 76, piso 9").
Name NameBefore(std::string_view v, std::size_t j, bool marker, bool adjacent = false,
                bool loose = false) {
  const std::size_t p = SkipSpacesBack(v, j, 3);
  if ((p == j && !adjacent) || p == 0) return Name{};
  NameTokens t;
  if (!ReadNameTokens(v, p, marker, loose, t)) return Name{};
  Name name;
  name.prefix_type = t.prefix_type;
  if (t.n == 0) {
    // "Calle 50" as a house number: the type alone before the number is a name for the next.
    return name;
  }
  const NameToken& last = t.tokens[0];  // next to the number
  if (name.prefix_type) {
    name.found = true;
    name.begin = t.begin;
    name.numeric_name = t.n == 1 && last.digits;
    return name;
  }
  if (last.digits) return name;
  if (t.compound && !WordIn(v, last.w, kTypeWords)) return CompoundName(v, t, loose);
  if (WordIn(v, last.w, kTypeWords) && (last.w.capital || loose)) return NameWithTypeAfter(v, t);
  return CapitalisedName(v, t);
}

struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;   // 0: none
  std::size_t core = 0;  // the end without the postcode and town, when they were found
};

// "(entre Ayacucho y Bacacay)", ", entre Zapiola y Soler": the streets between which a house
// stands, as Argentines give it after the number. Its end, or 0.
std::size_t BetweenStreetsAt(std::string_view v, std::size_t k) {
  std::size_t s = SkipSpaces(v, k, 2);
  const bool paren = s < v.size() && v[s] == '(';
  if (paren) {
    s = SkipSpaces(v, s + 1, 2);
  } else if (s < v.size() && v[s] == ',') {
    s = SkipSpaces(v, s + 1, 2);
  }
  if (!StartsWithFolded(v, s, "entre ")) return 0;
  // Two names of one to four words with "y" (or "e") between them.
  std::size_t q = s + 6;
  bool y = false;
  std::size_t end = 0;
  for (int n = 0; n < 10; ++n) {
    q = SkipSpaces(v, q, 2);
    const Word w = WordAt(v, q);
    if (w.empty()) {
      if (!DigitAt(v, q)) break;
      q = RunEnd(v, q);  // "entre 7 y 8"
      if (y) end = q;
      continue;
    }
    if (!y && w.size() <= 1 && (StartsWithFolded(v, q, "y") || StartsWithFolded(v, q, "e"))) {
      y = true;
    } else if (y) {
      end = w.after();
    }
    q = w.after();
  }
  if (!y || end == 0) return 0;
  if (paren) {
    const std::size_t c = SkipSpaces(v, end, 2);
    if (c < v.size() && v[c] == ')') return c + 1;
    // The names went on past what was read: close at the parenthesis if it is near.
    const std::size_t close = v.substr(end, 40).find(')');
    return close == std::string_view::npos ? 0 : end + close + 1;
  }
  return end;
}

// Things that Spanish numbers with "N°" as streets number their houses: documents, schools,
// courts, accounts, lots ("Expediente N° 4567", "Escuela N° 12", "Legajo nº 88").
constexpr std::string_view kNumberedThingsList[] = {
    "expediente", "expte", "factura", "legajo", "acta", "nota", "ordenanza", "disposición",
    "disposicion", "disp", "reclamo", "trámite", "tramite", "ticket", "pedido", "orden",
    "contrato", "licitación", "licitacion", "convenio", "programa", "escuela", "colegio",
    "jardín", "jardin", "instituto", "comisaría", "comisaria", "juzgado", "fiscalía", "fiscalia",
    "pasaporte", "dni", "cuit", "cuil", "nie", "socio", "afiliado", "cliente", "cuenta",
    "póliza", "poliza", "recibo", "boleta", "comprobante", "formulario", "circular", "informe",
    "inciso", "parcela", "partida", "matrícula", "matricula", "registro", "carpeta", "causa",
    "denuncia", "incidente", "solicitud", "referencia", "ref", "cupón", "cupon", "tarjeta",
    "vuelo", "asiento", "consultorio", "cama", "habitación", "habitacion", "puesto", "serie",
    "dominio", "patente", "ramal", "foja", "folio", "libro", "res", "dec", "art", "reg",
    "registro", "lista", "mesa", "urna", "circuito", "sucursal", "caja", "cheque", "operación",
    "operacion", "transacción", "transaccion", "envío", "envio", "guía", "guia", "seguimiento",
    "oc", "remito", "cotización", "cotizacion", "presupuesto", "lote", "concurso",
    "edición", "edicion", "memorando", "dictamen", "oficio", "sorteo", "premio", "categoría",
    "categoria", "comunicado", "boletín", "boletin", "hospital", "capítulo", "capitulo",
    "plano", "mapa", "foto", "imagen", "invoice", "order", "faktura", "ordre", "sagsnr",
    "billet", "episodio", "entrega", "cuota", "período", "periodo", "torneo", "fecha",
    "festival", "feria", "congreso", "expo", "mundial", "copa", "campeonato", "bienal",
    "conference", "summit", "cumbre", "foro", "forum", "jornadas", "semana",
};
constexpr WordSet kNumberedThings(kNumberedThingsList);

// "N° 65", "nro 676" before the number: the sign that numbers houses, not documents ("nr.").
bool SignMarkerBefore(std::string_view v, const HouseNumber& h) {
  const std::size_t m = NumberMarkerBefore(v, h.begin);
  if (m == h.begin) return false;
  return !WordIn(v, WordAt(v, m), {"nr", "no", "nummer", "number", "num", "núm"});
}

// No lower-case ASCII letter in [begin, end): text typed in capitals.
bool AllCapitals(std::string_view v, std::size_t begin, std::size_t end) {
  for (std::size_t k = begin; k < end; ++k) {
    if (IsLowerAscii(v[k])) return false;
  }
  return true;
}

// The words before a name say an address follows: "vivo en", "bor på", "Dir.:", "frente a",
// "El edificio de".
// With `strict`, only the prepositions that say where, not where to ("til", "ved").
bool PlaceBefore(std::string_view v, const Name& name, const HouseNumber& h, bool strict = false) {
  // Past an opening bracket or quote: "en [sarmiento 1187]", «en «Lavalle 1578»».
  std::size_t open = SkipSpacesBack(v, name.begin, 2);
  if (open > 0 && (v[open - 1] == '[' || v[open - 1] == '(' || v[open - 1] == '"')) {
    --open;
  } else if (Before(v, open, "\xC2\xAB") || Before(v, open, "\xE2\x80\x9C")) {  // « “
    open -= Before(v, open, "\xC2\xAB") ? 2 : 3;
  }
  const Word before = WordBefore(v, SkipSpacesBack(v, open, 2));
  Word prep = before;
  const bool de = !before.empty() && WordIn(v, before, {"de", "del"});
  if (!before.empty() && (de || WordIn(v, before, {"a", "al"}))) {
    prep = WordBefore(v, SkipSpacesBack(v, before.begin, 2));  // "frente a", "altura de"
  }
  // Capitalised, the word begins a sentence ("En Lavalle 1578"); a whole text in capitals
  // keeps its prepositions ("FRENTE A EVA PERÓN 3507").
  if (prep.empty() || (prep.capital && (prep.lower || !AllCapitals(v, prep.begin, h.end)))) {
    return false;
  }
  if (prep.capital) strict = true;  // "TIL EURO 6": only the prepositions that say where
  // "El edificio de Chile 55", "En la puerta de Aráoz 25".
  if (de && WordIn(v, prep, kPlaceNouns)) return true;
  if (!WordIn(v, prep, kPlacePrepositions)) return false;
  if (strict && !WordIn(v, prep, {"en", "på", "at", "sobre", "esquina", "altura", "frente"})) {
    return false;
  }
  return h.digits <= 3 || WordIn(v, prep, kSpanishPrepositions) || SignMarkerBefore(v, h);
}

// A word of [begin, end) names a thing that is numbered like a house: "Expediente", "Escuela",
// "Fase", a make of car.
bool NumbersSomethingElse(std::string_view v, std::size_t begin, std::size_t end) {
  for (std::size_t p = begin; p < end;) {
    const Word w = WordAt(v, p);
    if (w.empty()) {
      ++p;
      continue;
    }
    if (WordIn(v, w, kNumberedThings) || WordIn(v, w, kNotStreetWords) || WordIn(v, w, kMakes)) {
      return true;
    }
    p = w.after();
  }
  return false;
}

// Words that open the next item of a sender's or signature's line.
constexpr std::string_view kContactWordsList[] = {
    "tel", "tlf", "telefon", "teléfono", "telefono", "tfno", "cel", "celular", "móvil", "movil",
    "mobil", "mobile", "mob", "phone", "fax", "mail", "email", "e-mail", "correo", "dni", "cpr",
    "cuit", "cuil", "nie", "whatsapp",
};
constexpr WordSet kContactWords(kContactWordsList);

// The next item of a line of contact details follows at k: ", tel. 381 537", " / tlf. 31 68",
// ", DNI 18760103", ", ana@ciudad.com.ar". A name and a number between them is the address in
// a sender's or signature's line ("Mónica Mariani, Uruguay 1068, benjamin@live.com").
bool ContactAfter(std::string_view v, std::size_t k) {
  std::size_t p = SkipSpaces(v, k, 2);
  if (p >= v.size() || !(v[p] == ',' || v[p] == '/' || v[p] == '|' || v[p] == ';')) return false;
  p = SkipSpaces(v, p + 1, 2);
  const Word w = WordAt(v, p);
  if (!w.empty() && WordIn(v, w, kContactWords)) return true;
  // An e-mail address: '@' inside the next token.
  for (std::size_t q = p; q < v.size() && q < p + 64 && v[q] != ' ' && v[q] != ','; ++q) {
    if (v[q] == '@' && q > p) return true;
  }
  return false;
}

// An item of a line of contact details ends before `begin`: "Tamara Amato / Nazca 1904".
bool ItemBefore(std::string_view v, std::size_t begin) {
  const std::size_t b = SkipSpacesBack(v, begin, 2);
  return b > 0 && (v[b - 1] == ',' || v[b - 1] == '/' || v[b - 1] == '|' || v[b - 1] == ';');
}

// The street's name before the number marker at m (h.begin when there is none), as written or
// typed loosely; Spain's comma after it too.
Name StreetNameBefore(std::string_view v, std::size_t m, bool marker) {
  auto name_before = [&](bool loose) {
    Name name = NameBefore(v, m, marker, false, loose);
    if (name.found) return name;
    // "Calle Mayor, 12", "Plaza de España, 5", "C/ de Goya, nº 41": Spain puts a comma after a
    // street's name.
    const std::size_t c = SkipSpacesBack(v, m, 2);
    if (c < m && c > 0 && v[c - 1] == ',') {
      name = NameBefore(v, c - 1, false, true, loose);
      if ((!name.prefix_type && !name.street_suffix) || name.numeric_name) return Name{};
    }
    return name;
  };
  Name name = name_before(false);
  if (!name.found) {
    name = name_before(true);
  } else if (name.street_suffix && IsLowerAscii(v[name.begin])) {
    // Typed in lower case, a compound's other words are in lower case too: "valby langgade".
    const Name loose = name_before(true);
    if (loose.found && loose.street_suffix && loose.begin < name.begin) name = loose;
  }
  return name;
}

// What may follow a house number: units (floor, side, flat), the streets it stands between,
// a postcode.
struct AfterNumber {
  std::size_t after_units;
  std::size_t after_between;
  std::size_t end;  // after all of them
  bool more;        // any of them is there
};

AfterNumber AfterHouseNumber(std::string_view v, const HouseNumber& h) {
  int units = 0;
  const std::size_t after_units = UnitsAt(v, h.end, &units);
  const std::size_t between = BetweenStreetsAt(v, after_units);
  const std::size_t after_between = between != 0 ? between : after_units;
  const std::size_t postcode = PostcodeAt(v, after_between);
  const std::size_t end = postcode != 0 ? postcode : after_between;
  const bool more = units > 0 || postcode != 0 || between != 0;
  return {after_units, after_between, end, more};
}

// No street's name before the house number: a numbered street before it, when the marker is a
// sign.
Span NumberedStreetBefore(std::string_view v, const HouseNumber& h, std::size_t m, bool sign_marker,
                          const AfterNumber& after) {
  Span none;
  const auto [after_units, after_between, end, more] = after;
  // A numbered street with its house number: "14 n° 65", "154 nro 676" (La Plata's grid).
  if (!sign_marker) return none;
  const std::size_t d = SkipSpacesBack(v, m, 2);
  std::size_t b = d;
  while (b > 0 && IsDigit(v[b - 1]) && d - b <= 3) --b;
  if (b == d || d - b > 3 || !RunStartsAt(v, b) || !WordStartsAt(v, b)) return none;
  const Word w = WordBefore(v, SkipSpacesBack(v, b, 2));
  if (!w.empty() && w.capital && !WordIn(v, w, kPrefixTypes) && !WordIn(v, w, kNotNameWords)) {
    return none;  // "Resolución 14 n° 65", "Ley 26 nro 3"
  }
  if (!w.empty() && (WordIn(v, w, kNotStreetWords) || WordIn(v, w, kQuantityWords))) {
    return none;
  }
  if (!more && QuantityOrDateAfter(v, h.end)) return none;
  // "Calle 7 e/ 47 y 48 N° 776": the street, then the two it stands between.
  std::size_t start = b;
  const Word y = WordBefore(v, SkipSpacesBack(v, b, 2));
  if (!y.empty() && y.size() == 1 && StartsWithFolded(v, y.begin, "y")) {
    std::size_t p = SkipSpacesBack(v, y.begin, 2);
    std::size_t q = p;
    while (q > 0 && IsDigit(v[q - 1]) && p - q <= 3) --q;
    const std::size_t e = SkipSpacesBack(v, q, 2);
    std::size_t street = e;
    if (q < p && e >= 2 && v[e - 1] == '/' && (v[e - 2] == 'e' || v[e - 2] == 'E')) {
      street = SkipSpacesBack(v, e - 2, 2);
    } else if (q < p && Before(v, e, "entre")) {
      street = SkipSpacesBack(v, e - 5, 2);
    }
    if (street < e) {
      std::size_t r = street;
      while (r > 0 && IsDigit(v[r - 1]) && street - r <= 3) --r;
      if (r < street) {
        start = r;
        const Word calle = WordBefore(v, SkipSpacesBack(v, r, 2));
        if (!calle.empty() && IsPrefixType(v, calle)) start = calle.begin;
      }
    }
  }
  return {start, end, after_units};
}

// A whole cell that is a name and a number ("Tucumán 1450", "Florida 537", "Montes de Oca
// 76"), when the name is not a town ("Valby 2500" is a district and its postcode) nor a make
// of car, plane or phone ("Peugeot 208", "Boeing 737"), nor a document's number ("Lokalplan
// nr. 524").
// So does a sentence of its own at the end of one ("Adjunto fotos. Billinghurst 1607").
bool NameAndNumberAlone(std::string_view v, const HouseNumber& h, const Name& name, std::size_t end,
                        bool marker, bool sign_marker) {
  const std::size_t start = SkipSpacesBack(v, name.begin, 4);
  const bool own_sentence =
      start == 0 ||
      (start < name.begin && start >= 2 &&
       (v[start - 1] == '.' || v[start - 1] == '!' || v[start - 1] == '?' || v[start - 1] == ':') &&
       !IsDigit(v[start - 2]));
  // A remark in parentheses may follow: "Forest 63 (entrada por el costado)".
  const std::size_t after_end = SkipSpaces(v, end, 4);
  const bool remark = after_end < v.size() && v[after_end] == '(';
  if (own_sentence && (!marker || sign_marker) &&
      (start == 0 ? SentenceEndsAt(v, end) || remark : after_end >= v.size() || remark)) {
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
      plain = !WordIn(v, w, kMakes) && !WordIn(v, w, kNotStreetWords);
      if (!IsConnector(v, w) && words++ == 0) town = w;
      p = w.after();
    }
    if (words == 1 && h.digits == 4 && WordIn(v, town, kTowns)) plain = false;
    if (NumbersSomethingElse(v, name.begin, h.begin)) plain = false;
    // Two digits only after a name of two words or more, or of a long word ("Velasco 94"; not
    // "Top 10", "Euro 24").
    if (!sign_marker && (h.digits < 2 || (h.digits == 2 && words < 2 && town.size() < 5))) {
      plain = false;
    }
    if (plain) return true;
  }
  return false;
}

// A name found before the house number: whether it and the number are an address.
Span NamedStreetBefore(std::string_view v, const HouseNumber& h, std::size_t m, bool marker,
                       bool sign_marker, const Name& name, const AfterNumber& after) {
  Span none;
  const auto [after_units, after_between, end, more] = after;
  if (name.begin + 1 >= h.begin) return none;
  if (!more && QuantityOrDateAfter(v, h.end)) return none;
  if (name.numeric_name) {
    // "Calle 50 N° 742", "Calle 7 1234": the second number is the house.
    if (!marker && !more) return none;
    return {name.begin, end, after_between};
  }
  if (name.prefix_type) return {name.begin, end, after_between};
  // Danish, German and Dutch house numbers have at most three digits; four are a year or a
  // postcode ("Nørrebro 2200") unless the floor or postcode follows.
  if (name.street_suffix && (h.digits <= 3 || more)) return {name.begin, end, after_between};
  // Capitalised words, or a type word alone: an address only when something else says so.
  const bool cue = KeywordIn(v, name.begin > 32 ? name.begin - 32 : 0, name.begin, kAddressCues);
  if (name.lower || name.lone_type) {
    // "vivimos en helguera 5654 2°e", "domicilio: perú 39, piso 1", "boulevarden 18, 4. sal",
    // "yatay 473, caba", "en balcarce n° 15", "på boulevarden 291", "el edificio de uriburu 4425".
    if (IsYear(h) && !more) return none;
    if (more || cue || TownAfter(v, h.end, true) || PlaceBefore(v, name, h, true) ||
        (!IsYear(h) && h.digits >= 2 && ContactAfter(v, end) &&
         !NumbersSomethingElse(v, name.begin, h.begin))) {
      return {name.begin, end, after_between};
    }
    // A whole cell, typed in lower case: "25 de mayo 4642", "lavalle 1578".
    if (name.lower && (h.digits == 3 || h.digits == 4) && SkipSpacesBack(v, name.begin, 4) == 0 &&
        SkipSpaces(v, end, 4) >= v.size()) {
      return {name.begin, end, after_between};
    }
    return none;
  }
  // In a line of contact details a year-like number is a house's too ("/ Nazca 1904 / tel.").
  if (more || cue || (TownAfter(v, h.end) && !IsYear(h)) ||
      (h.digits >= 2 && ContactAfter(v, end) && !NumbersSomethingElse(v, name.begin, h.begin) &&
       !(IsYear(h) && (WordIn(v, WordAt(v, name.begin), kTowns) || !ItemBefore(v, name.begin))))) {
    return {name.begin, end, after_between};
  }
  // "Cabrera N° 39", "La Rioja nº 2072": the sign Spanish writes before a house's number,
  // after a name that numbers no document, school or account.
  if (sign_marker && (v[m] == 'N' || v[m] == 'n') && OrdinalSignMarker(v, m) &&
      !NumbersSomethingElse(v, name.begin, h.begin)) {
    return {name.begin, end, after_between};
  }
  if (IsYear(h)) return none;
  if (NameAndNumberAlone(v, h, name, end, marker, sign_marker)) {
    return {name.begin, end, after_between};
  }
  // "frente a Lavalle 1578", "vive en Tucumán 2100", "mødes på Strøget 12", "El edificio de
  // Chile 55".
  if (!PlaceBefore(v, name, h)) return none;
  return {name.begin, end, after_between};
}

// Name, then number: Danish, Spanish, German and Dutch order.
Span NameThenNumber(std::string_view v, const HouseNumber& h) {
  const std::size_t m = NumberMarkerBefore(v, h.begin);
  const bool marker = m != h.begin;
  // The marker as a sign ("N° 65", "nro 676"), which numbered streets take: "14 n° 65".
  const Word marker_word = WordAt(v, m);
  const bool sign_marker =
      marker && !WordIn(v, marker_word, {"nr", "no", "nummer", "number", "num", "núm"});
  const Name name = StreetNameBefore(v, m, marker);
  const AfterNumber after = AfterHouseNumber(v, h);
  if (!name.found) return NumberedStreetBefore(v, h, m, sign_marker, after);
  return NamedStreetBefore(v, h, m, marker, sign_marker, name, after);
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
// Types that are no ordinary English words.
constexpr std::string_view kStrongEnglishTypesList[] = {
    "street",     "st",        "road",     "rd",       "avenue", "ave",      "lane",
    "ln",         "boulevard", "blvd",     "terrace",  "tce",    "crescent", "cres",
    "gardens",    "gdns",      "mews",     "parkway",  "pkwy",   "highway",  "hwy",
    "embankment", "esplanade", "causeway", "broadway",
};
constexpr WordSet kStrongEnglishTypes(kStrongEnglishTypesList);
constexpr std::string_view kFrenchTypesList[] = {"rue",   "avenue", "av",    "boulevard", "bd",
                                                 "place", "allée",  "allee", "chemin",    "impasse",
                                                 "quai",  "via",    "viale", "piazza",    "cours"};
constexpr WordSet kFrenchTypes(kFrenchTypesList);
constexpr std::string_view kFlatWordsList[] = {"flat", "apt", "apartment", "unit", "suite"};
constexpr WordSet kFlatWords(kFlatWordsList);

// Before "12 Main Street": "Flat 3, ", "Apt. 4B, ", "apartment 65, ", "No. ". Returns the new
// start.
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
  bool digit = false;
  while (q > 0 && IsAlnumAscii(v[q - 1]) && p - q < 5) digit = IsDigit(v[--q]) || digit;
  if (q == p || !WordStartsAt(v, q)) return begin;
  // A number ("Flat 3", "apt 4B") or a letter ("Flat B"), not a word ("our flat at 12 ...").
  if (!digit && !(p - q == 1 && IsUpperAscii(v[q]))) return begin;
  std::size_t r = SkipSpacesBack(v, q, 2);
  if (r > 0 && v[r - 1] == '#') r = SkipSpacesBack(v, r - 1, 2);
  const Word w = WordBefore(v, r);
  if (!w.empty() && WordIn(v, w, kFlatWords)) return w.begin;
  return begin;
}

// A UK postcode at i, in either case: "EC1A 1BB", "cf10 3at", "LS6 3HN", "M1 1AE". Its end, or 0.
std::size_t UkPostcodeAt(std::string_view v, std::size_t i) {
  if (i >= v.size() || !IsAlphaAscii(v[i]) || !WordStartsAt(v, i)) return 0;
  const bool upper = IsUpperAscii(v[i]);
  auto letter = [&](std::size_t k) {
    return k < v.size() && (upper ? IsUpperAscii(v[k]) : IsLowerAscii(v[k]));
  };
  std::size_t k = i + 1;
  if (letter(k)) ++k;
  if (!DigitAt(v, k)) return 0;
  ++k;
  if (DigitAt(v, k) || letter(k)) ++k;
  if (k >= v.size() || v[k] != ' ') return 0;
  ++k;
  if (!DigitAt(v, k) || !letter(k + 1) || !letter(k + 2) || !WordEndsAt(v, k + 3)) return 0;
  return k + 3;
}

// What follows an English address: a town or two after commas, then a US state and ZIP code
// or a UK postcode (", Brooklyn, NY 10001", ", islington cf10 3at", " cb2 1tn"). Its end, or 0
// when no code follows: a town alone is no part of the address.
std::size_t EnglishTailAt(std::string_view v, std::size_t k) {
  std::size_t p = k;
  for (int part = 0; part < 3; ++part) {
    std::size_t s = SkipSpaces(v, p, 2);
    bool comma = false;
    if (s < v.size() && v[s] == ',') {
      s = SkipSpaces(v, s + 1, 2);
      comma = true;
    }
    if (s == p && part > 0) return 0;
    if (const std::size_t e = UkPostcodeAt(v, s); e != 0) return e;
    // "NY 10001", "ny 10001" (after a comma), "TX 78704-1234"
    if (s + 8 <= v.size() && IsAlphaAscii(v[s]) && IsAlphaAscii(v[s + 1]) && v[s + 2] == ' ' &&
        WordStartsAt(v, s) &&
        ((IsUpperAscii(v[s]) && IsUpperAscii(v[s + 1])) ||
         (comma && IsLowerAscii(v[s]) && IsLowerAscii(v[s + 1]))) &&
        RunStartsAt(v, s + 3) && RunEnd(v, s + 3) == s + 8) {
      std::size_t e = s + 8;
      if (e + 5 <= v.size() && v[e] == '-' && RunEnd(v, e + 1) == e + 5) e += 5;
      if (WordEndsAt(v, e)) return e;
    }
    if (!comma) return 0;
    // A town of one or two words.
    const Word w = WordAt(v, s);
    if (w.empty()) return 0;
    p = w.end;
    const std::size_t q = SkipSpaces(v, p, 1);
    const Word w2 = WordAt(v, q);
    if (q > p && !w2.empty() && w2.capital == w.capital && UkPostcodeAt(v, q) == 0 &&
        !(w2.size() == 2 && RunStartsAt(v, SkipSpaces(v, w2.end, 1)))) {
      p = w2.end;
    }
  }
  return 0;
}

// A word of a street's name typed in lower case.
bool LowerNameWord(std::string_view v, const Word& w, bool first) {
  if (w.capital || w.size() < 2) return false;
  if (first && WordIn(v, w, kLowerFirstNames)) return true;
  return !WordIn(v, w, kNotLowerNames) && !WordIn(v, w, kQuantityWords) &&
         !WordIn(v, w, kNotNameWords) && !IsUnitWord(v, w);
}

// Whether words before the number say an address follows ("moved to", "lives at"): asked only
// when the number alone leaves it open.
bool AddressCueBefore(std::string_view v, const HouseNumber& h) {
  return KeywordIn(v, h.begin > 32 ? h.begin - 32 : 0, h.begin, kAddressCues);
}

// A year after "in", "since", "by": "In 2019 Main Street was closed"; not after "moved to".
bool YearAfterWord(std::string_view v, const HouseNumber& h) {
  if (!IsYear(h) || AddressCueBefore(v, h)) return false;
  const Word before = WordBefore(v, SkipSpacesBack(v, h.begin, 2));
  static constexpr std::string_view kYearWords[] = {
      "in",     "since", "by",   "from",   "until",  "till",  "of",    "during", "before",
      "after",  "i",     "en",   "desde",  "hasta",  "år",    "siden", "fra",    "til",
      "around", "circa", "ca",   "c",      "year",   "año",   "for",   "to",     "and",
      "y",      "og",    "fall", "spring", "summer", "winter"};
  return !before.empty() && WordIn(v, before, kYearWords);
}

// "12 rue de Rivoli": the French type `first`, then a capitalised name (connectors allowed).
// The name's end, or 0.
std::size_t FrenchNameEnd(std::string_view v, const Word& first) {
  std::size_t end = 0;
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
  return end;
}

// A numbered street's name at q: "350 5th Avenue", "12 W 42nd St". Its end, or 0.
std::size_t OrdinalStreetAt(std::string_view v, std::size_t q) {
  const std::size_t e = DigitAt(v, q) ? RunEnd(v, q) : q;
  if (e == q || e - q > 3 || !WordEndsAt(v, e + 2)) return 0;
  bool ordinal = false;
  for (std::string_view o : {"st", "nd", "rd", "th"})
    ordinal = ordinal || StartsWithFolded(v, e, o);
  if (!ordinal) return 0;
  return e + 2;
}

// An English street's name after the house number, up to its type.
struct EnglishName {
  std::size_t end = 0;  // after the type; 0 when no type ends the name
  bool weak = false;    // the type is also an ordinary word after a count ("Green", "Park")
  bool strong = false;  // the type is no ordinary English word ("Street", "Road")
  bool lower = false;   // a word of the name is in lower case
};

// "12 Main Street", "221B Baker Street", "5 St. Mary's Road", "2321 E. Washington St", and
// typed in lower case: "9968 elm street", "123 kingsway rd.", "5995 n brook way". The name
// from p.
EnglishName EnglishNameAt(std::string_view v, std::size_t p) {
  EnglishName name;
  std::size_t q = p;
  int names = 0;
  bool named = false;  // a word other than a direction
  for (int n = 0; n < 6; ++n) {
    const Word w = WordAt(v, q);
    if (w.empty()) {
      const std::size_t e = OrdinalStreetAt(v, q);
      if (e == 0) break;
      ++names;
      named = true;
      const std::size_t r = SkipSpaces(v, e, 2);
      if (r == e) break;
      q = r;
      continue;
    }
    // A lower-case name ends in a lower-case type: "9968 elm street", not "kører ad Av.".
    if (names > 0 && !(name.lower && w.capital) && WordIn(v, w, kEnglishTypes)) {
      name.lower = name.lower || !w.capital;
      name.end = WordIn(v, w,
                        {"st", "rd", "ave", "av", "ln", "dr", "ct", "pl", "blvd", "tce", "cres",
                         "gdns", "sq", "pkwy", "hwy", "cir"})
                     ? w.after()
                     : w.end;
      name.weak = WordIn(v, w, kWeakEnglishTypes);
      name.strong = WordIn(v, w, kStrongEnglishTypes);
      // The name ends at its type, unless a type word was part of it ("Park Lane").
      if (!w.capital) break;
    }
    // "3 The Green", "5 the avenue": the article is the name.
    const bool article = names == 0 && w.size() == 3 && StartsWithFolded(v, w.begin, "the") &&
                         WordIn(v, WordAt(v, SkipSpaces(v, w.end, 2)), kEnglishTypes);
    const bool direction = names == 0 && (WordIn(v, w, kDirections) || article);
    // Lower-case names stay lower case: "35A kører ad Main Street" is no name.
    bool name_word = (w.capital && !name.lower) || direction || (names > 0 && IsConnector(v, w));
    if (!name_word && (names == 0 || name.lower) && LowerNameWord(v, w, !named)) name_word = true;
    if (!name_word) break;
    name.lower = name.lower || !w.capital;
    named = named || !direction || article;
    ++names;  // a type word may also be part of the name: "Park Lane", "Green Lane"
    const std::size_t r = SkipSpaces(v, w.after(), 2);
    if (r == w.after()) break;
    q = r;
  }
  return name;
}

// Whether the number before an English name counts things rather than numbers a house, or is
// a year.
bool CountBeforeEnglishName(std::string_view v, const HouseNumber& h, const EnglishName& name) {
  // "5 Green Park stations", "2 new road signs": a count before a plural or a noun.
  const Word next = WordAt(v, SkipSpaces(v, name.end, 2));
  const bool plural = !next.empty() && !next.capital && next.size() > 3 && v[next.end - 1] == 's';
  if ((name.weak || name.lower) && plural) return true;
  if (name.weak && IsYear(h) && !AddressCueBefore(v, h)) return true;
  // "1 dog park", "1 church close by": in lower case after a single digit, only the types
  // that are no ordinary words make an address without a word before it that says so, or a
  // postcode after it ("8c hanover walk, birmingham b29 6bd").
  return name.lower && h.digits < 2 && !name.strong && FlatBefore(v, h.begin) == h.begin &&
         !AddressCueBefore(v, h) && EnglishTailAt(v, name.end) == 0;
}

// "1600 Pennsylvania Ave NW": the quarter of the city after the type. The address's end with
// it.
std::size_t QuarterAfter(std::string_view v, std::size_t end) {
  const std::size_t q = SkipSpaces(v, end, 1);
  const Word quarter = WordAt(v, q);
  if (q > end && !quarter.empty() && !quarter.lower && quarter.size() == 2 &&
      WordIn(v, quarter, kDirections)) {
    return quarter.end;
  }
  return end;
}

Span NumberThenName(std::string_view v, const HouseNumber& h) {
  Span none;
  const std::size_t p = SkipSpaces(v, h.end, 2);
  if (p == h.end || p >= v.size()) return none;
  if (YearAfterWord(v, h)) return none;
  const Word first = WordAt(v, p);
  if (first.empty() && !DigitAt(v, p)) return none;
  std::size_t end = 0;
  if (WordIn(v, first, kFrenchTypes) && !first.capital) {
    end = FrenchNameEnd(v, first);
    if (end == 0) return none;
  } else {
    const EnglishName name = EnglishNameAt(v, p);
    if (name.end == 0 || CountBeforeEnglishName(v, h, name)) return none;
    end = name.end;
  }
  end = QuarterAfter(v, end);
  int units = 0;
  const std::size_t after_units = UnitsAt(v, end, &units);
  const std::size_t tail = EnglishTailAt(v, after_units);
  return {FlatBefore(v, h.begin), tail != 0 ? tail : after_units, after_units};
}

// ---------------------------------------------------------------------------------------------
// Chinese addresses: 朝阳区建国路88号, 中关村大街27号院3号楼1单元502室, 幸福小区3栋2单元401.

// Road and compound words that a number follows.
constexpr std::string_view kZhStreetEnds[] = {
    "路",
    "街",
    "道",
    "巷",
    "弄",
    "胡同",
    "里",
    "村",
    "小区",
    "园",
    "公寓",
    "大厦",
    "广场",
    "中心",
    "庄",
    "屯",
    "坊",
    "城",
    "府",
    "湾",
    "邸",
    "居",
    "阁",
    "社区",
    "公馆",
    "别墅",
    "庭",
    "院",
    "期",
    "区",
    "厦",
    "苑",
    "段",
    "區",
    // Beijing's numbered lanes: 东四十条, 头条
    "条",
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

// Counties, cities and districts: 北京市, 顺义区, 大兴县, 良乡镇.
bool IsZhDivision(int32_t cp) {
  return cp == 0x533A || cp == 0x5E02 || cp == 0x53BF || cp == 0x9547 || cp == 0x7701 ||
         cp == 0x5340 || cp == 0x7E23;  // 区 市 县 镇 省 區 縣
}

// Where a Chinese name without a road's or compound's last character ("后海北沿", "远洋山水",
// "首开国风北京") starts when it is an address's: after a district in the same run
// ("顺义区远洋山水"), or after the words that say where someone lives or what goes where
// (住在 家在 搬到 寄到 送到 寄至 地址： 住址, or 到 before a name in quotes). Spoken Chinese counts
// the days of the month with 号 too: "到月底30号", "延期至下月3号" are dates. `j` is where the
// numbers start; returns j when the name is no address's. With `flat` (a building and a flat
// follow, "2栋5门801室"), any verb or particle may stand before the name.
std::size_t ZhPlainNameStart(std::string_view v, std::size_t j, bool flat) {
  const std::size_t start = ZhNameStart(v, j);
  // Two to ten characters after the last district: a name, not a sentence.
  std::size_t name = start;
  for (std::size_t p = start; p < j;) {
    std::size_t len;
    const int32_t cp = CodePointAt(v, p, &len);
    p += len;
    if (IsZhDivision(cp)) name = p;
    if (cp == 0x6708) return j;  // 月: "本月15号", "月底30号"
  }
  // A time before the day, not a place: 底 初 旬 周 週 年 天 日 期 末
  std::size_t last_begin;
  const int32_t last = CodePointBefore(v, j, &last_begin);
  for (int32_t t : {0x5E95, 0x521D, 0x65EC, 0x5468, 0x9031, 0x5E74, 0x5929, 0x65E5, 0x671F,
                    0x672B}) {
    if (last == t) return j;
  }
  const std::size_t chars = (j - name) / 3;
  if (chars < 2 || chars > 10) return j;
  if (name > start || flat) return start;
  // The word before, past an opening quote or bracket: 「 “ 《 （ (
  std::size_t p = start;
  bool quoted = false;
  for (std::string_view q : {"\xE3\x80\x8C", "\xE2\x80\x9C", "\xE3\x80\x8A",
                             "\xEF\xBC\x88", "(", "\""}) {
    if (Before(v, p, q)) {
      p -= q.size();
      quoted = true;
      break;
    }
  }
  std::size_t b;
  const int32_t cp = CodePointBefore(v, p, &b);
  std::size_t b2;
  const int32_t c2 = b > 0 ? CodePointBefore(v, b, &b2) : -1;
  if (cp == 0x5740) return start;  // 址
  // 到 至 after 搬 寄 送 (moved, posted, delivered to); 到 alone before a name in quotes
  if ((cp == 0x5230 || cp == 0x81F3) &&
      (quoted || c2 == 0x642C || c2 == 0x5BC4 || c2 == 0x9001)) {
    return start;
  }
  if (cp == 0x5728 && (c2 == 0x4F4F || c2 == 0x5BB6)) return start;  // 在 after 住 or 家
  if ((cp == ':' || cp == 0xFF1A) && c2 == 0x5740) return start;  // 地址： 住址:
  return j;
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
      // 号 after a building or entrance numbers the flat: 7栋102号, 12号楼203号.
      if (open_room && (unit == "号" || unit == "號")) *room_unit = true;
      open_room = unit == "单元" || unit == "楼" || unit == "层" || unit == "栋" || unit == "幢" ||
                  unit == "号楼" || unit == "座" || unit == "门" || unit == "單元" ||
                  unit == "樓" || unit == "號樓" || unit == "棟";
      if (unit == "单元" || unit == "室" || unit == "户" || unit == "單元") *room_unit = true;
      end = k = u;
      ++*units;
      continue;
    }
    // "3-2-401": building, entrance, flat; "2008-05-13" is a date.
    if (!d.empty() && d.count <= 3 && e < v.size() && v[e] == '-' && DigitAt(v, e + 1)) {
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

// Public places, whose address is no citizen's: "The Passport Office at 2 Marsham Street",
// "Borgerservice på Nørrebrogade 71", "la biblioteca en Av. Corrientes 1234".
constexpr std::string_view kInstitutionsList[] = {
    "office",     "offices",       "centre",       "center",     "library",     "hospital",
    "council",    "museum",        "school",       "station",    "church",      "hall",
    "department", "embassy",       "consulate",    "court",      "clinic",      "surgery",
    "theatre",    "theater",       "gallery",      "bank",       "branch",      "headquarters",
    "hq",         "store",         "shop",         "restaurant", "café",        "cafe",
    "pub",        "hotel",         "ministry",     "agency",     "authority",   "services",
    "university", "college",       "academy",      "institute",  "pharmacy",    "borgerservice",
    "rådhuset",   "rådhus",        "biblioteket",  "bibliotek",  "kontor",      "kontoret",
    "skole",      "skolen",        "apotek",       "apoteket",   "hospitalet",  "butik",
    "butikken",   "cafeen",        "oficina",      "oficinas",   "sede",        "biblioteca",
    "escuela",    "municipalidad", "ayuntamiento", "comisaría",  "comisaria",   "ministerio",
    "banco",      "sucursal",      "farmacia",     "museo",      "universidad", "facultad",
    "embajada",   "consulado",     "juzgado",      "hospital",
};
constexpr WordSet kInstitutions(kInstitutionsList);

bool InstitutionBefore(std::string_view v, std::size_t begin) {
  const Word prep = WordBefore(v, SkipSpacesBack(v, begin, 2));
  if (prep.empty() || prep.dot || !WordIn(v, prep, {"at", "på", "en", "in", "i", "on"})) {
    return false;
  }
  const Word place = WordBefore(v, SkipSpacesBack(v, prep.begin, 2));
  return !place.empty() && !place.dot && WordIn(v, place, kInstitutions);
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
        std::size_t begin = street ? ZhNameStart(v, j) : i;
        if (!street) {
          const std::size_t plain = ZhPlainNameStart(v, j, units >= 2 && room);
          if (plain < j) begin = plain;
        }
        if (((begin < j) || (units >= 2 && room)) && add(begin, end)) {
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
      if (s.end != 0 && InstitutionBefore(v, s.begin)) s.end = 0;
      // A postcode after the street may have been taken for something else ("NY 10001" reads
      // as a Danish plate): the street and number still are an address.
      if (s.end != 0 && (add(s.begin, s.end) || (s.core > s.begin && add(s.begin, s.core)))) {
        i = resume;
        continue;
      }
    }
    i = RunEnd(v, i);
  }
}

}  // namespace citynet::privacy::internal
