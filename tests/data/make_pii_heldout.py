#!/usr/bin/env python3
"""Make a held-out labelled corpus for the privacy gate's identifier scanner.

Usage: make_pii_heldout.py SEED [N]

The scanner is tuned against another corpus; a corpus that the tuning has seen
stops measuring how the scanner does on text it has never seen. This one is
written independently, from how people in Denmark, Argentina and Spain, the UK
and the US and mainland China type personal data into survey answers,
complaints to their city, chat messages and e-mails, and nobody tunes against
it: it is the honest measurement. Do not tune the scanner to it.

Every line is one item, tab separated:

    lang  pii|look  category  text  secret...

lang is da, en, es or zh. A "pii" item holds one or more direct identifiers;
its secrets are the exact substrings that must not survive redaction: each word
of a name (for a name in Chinese script, the surname and the given name), the
local part of an e-mail address as written, the digit groups of a number as
written, the street, house number and floor or flat of an address, the day and
month of a date of birth together with the whole date, the whole of an IP
address or plate or passport number. No secret occurs in the item's text
outside the identifiers, so a secret still present after redaction is a leak.
A "look" item holds no identifier and must come out unchanged.

pii categories: name, email, phone, address, plate, birth_date, ip, passport,
national_id (CPR, Chinese resident ID, CUIT/CUIL, Argentine DNI, Spanish
DNI/NIE), iban, and mixed (several kinds in one text). look categories: prose
(case studies with street names, years and figures), year, event_date, amount,
percent, postcode, code (products, standards, versions, case numbers), org
(also those named after people), place (also those named after people),
common_word (words that are also given names or surnames), month_weekday, and
for Chinese surname_word (ordinary words that begin with a surname character).

N (default 300) distinct items are written per pii category and language and
per look category and language. The output depends only on SEED and N: each
cell has its own random.Random seeded from SEED and the cell's name (string
seeds are hashed with SHA-512), and nothing depends on the order of a set or on
Python's hash seed.
"""

import random
import sys

LANGS = ("da", "en", "es", "zh")
PII_CATEGORIES = (
    "name",
    "email",
    "phone",
    "address",
    "plate",
    "birth_date",
    "ip",
    "passport",
    "national_id",
    "iban",
    "mixed",
)
LOOK_CATEGORIES = (
    "prose",
    "year",
    "event_date",
    "amount",
    "percent",
    "postcode",
    "code",
    "org",
    "place",
    "common_word",
    "month_weekday",
    "surname_word",
)

# The slot in a frame where an identifier goes.
SLOT = "§"


class Retry(Exception):
    """The draw cannot make a clean item (a secret also occurs outside the identifiers)."""


def words(s):
    """A vocabulary written as words separated by white space."""
    return s.split()


def items(s):
    """A vocabulary whose items may hold spaces, written separated by '|' or new lines."""
    out = []
    for line in s.replace("\n", "|").split("|"):
        line = line.strip()
        if line:
            out.append(line)
    return out


def pick(rng, seq):
    return seq[rng.randrange(len(seq))]


def chance(rng, p):
    return rng.random() < p


def weighted(rng, pairs):
    """pairs: [(weight, value), ...] in a fixed order."""
    total = sum(w for w, _ in pairs)
    x = rng.random() * total
    for w, v in pairs:
        x -= w
        if x < 0:
            return v
    return pairs[-1][1]


def digits(rng, n, first="0123456789"):
    return pick(rng, first) + "".join(pick(rng, "0123456789") for _ in range(n - 1))


def ident(text, *secrets):
    """An identifier as it is written, and the substrings of it that must not survive."""
    secrets = [s for s in secrets if s]
    if not secrets:
        secrets = [text]
    for s in secrets:
        if s not in text:
            raise AssertionError("secret %r not in identifier %r" % (s, text))
    return (text, secrets)


def digit_groups(text):
    """The runs of ASCII digits and letters of a number as written (its groups)."""
    groups, cur = [], ""
    for ch in text:
        if ch.isascii() and ch.isalnum():
            cur += ch
        else:
            if cur:
                groups.append(cur)
            cur = ""
    if cur:
        groups.append(cur)
    return groups


# ---------------------------------------------------------------------------------------------
# How people actually type: case, keyboards without æøå or accents, spacing around punctuation.

DEACCENT = {
    "da": {"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa", "é": "e"},
    "es": {
        "á": "a",
        "é": "e",
        "í": "i",
        "ó": "o",
        "ú": "u",
        "ü": "u",
        "ñ": "n",
        "Á": "A",
        "É": "E",
        "Í": "I",
        "Ó": "O",
        "Ú": "U",
        "Ñ": "N",
        "º": "o",
        "ª": "a",
        "°": "o",
    },
    "en": {
        "é": "e",
        "ö": "o",
        "ü": "u",
        "ç": "c",
        "ş": "s",
        "ğ": "g",
        "ı": "i",
        "ć": "c",
        "ń": "n",
        "ś": "s",
        "ż": "z",
        "ł": "l",
        "á": "a",
    },
}
# Danes on a foreign keyboard also just drop the ring and the slash.
DEACCENT_PLAIN_DA = {"æ": "a", "ø": "o", "å": "a", "Æ": "A", "Ø": "O", "Å": "A", "é": "e"}


def map_chars(s, table):
    return "".join(table.get(ch, ch) for ch in s)


def whole_text_style(rng, lang, lower_ok=True):
    """A function applied to every part of an item (identifiers and secrets alike).

    lower_ok is false for identifiers that people paste rather than type (IBANs).
    """
    if lang == "zh":
        return None
    r = rng.random()
    if r < 0.04:
        return str.upper
    if r < 0.10:
        return str.lower if lower_ok else None
    if lang in ("da", "es") and r < 0.20:
        table = DEACCENT[lang] if (lang == "es" or chance(rng, 0.7)) else DEACCENT_PLAIN_DA
        return lambda s: map_chars(s, table)
    if lang == "en" and r < 0.13:
        return lambda s: map_chars(s, DEACCENT["en"])
    return None


def spacing_noise(rng, lang, s):
    """Spacing as it comes from phones and hurried typing, on text around identifiers."""
    if not s:
        return s
    if lang == "zh":
        r = rng.random()
        if r < 0.15:
            return s.replace("，", ",").replace("：", ":")
        if r < 0.25:
            return s.replace("，", "， ").replace("。", "。 ")
        if r < 0.30:
            return s.replace(":", "：").replace(",", "，")
        return s
    r = rng.random()
    if r < 0.06:
        return s.replace(", ", ",", 1)
    if r < 0.10:
        return s.replace(", ", " , ", 1)
    if r < 0.15 and " " in s:
        i = s.index(" ")
        return s[:i] + "  " + s[i + 1 :]
    if r < 0.18:
        return s.replace(": ", ":", 1)
    if r < 0.21:
        return s.replace("!", " !").replace("?", " ?")
    if r < 0.24:
        return s.replace(". ", ".  ")
    return s


def compose(rng, lang, frame, ids, style=True, lower_ok=True):
    """An item's text and secrets: `frame` with each SLOT replaced by the next identifier.

    Raises Retry when a secret also occurs in the text outside the identifiers, where its
    survival would not mean a leak.
    """
    parts = frame.split(SLOT)
    if len(parts) != len(ids) + 1:
        raise AssertionError(
            "frame %r wants %d identifiers, got %d" % (frame, len(parts) - 1, len(ids))
        )
    segs = []
    for i, p in enumerate(parts):
        segs.append((p, None))
        if i < len(ids):
            segs.append((ids[i][0], list(ids[i][1])))
    if style:
        f = whole_text_style(rng, lang, lower_ok)
        out = []
        for text, secrets in segs:
            if secrets is None:
                text = spacing_noise(rng, lang, text)
            if f is not None:
                text = f(text)
                if secrets is not None:
                    secrets = [f(x) for x in secrets]
            out.append((text, secrets))
        segs = out
    text = "".join(t for t, _ in segs)
    rest = "\x00".join(t for t, s in segs if s is None)
    secrets = []
    for _, ss in segs:
        for x in ss or ():
            if x not in secrets:
                secrets.append(x)
    for x in secrets:
        if x not in text:
            raise AssertionError("secret %r not in text %r" % (x, text))
        if x in rest:
            raise Retry()
    return text, secrets


def look(rng, lang, frame, fills=(), style=True):
    """A look-alike's text: `frame` with each SLOT replaced by the next fill (plain text)."""
    parts = frame.split(SLOT)
    if len(parts) != len(fills) + 1:
        raise AssertionError("look frame %r wants %d fills" % (frame, len(parts) - 1))
    text = parts[0]
    for f, p in zip(fills, parts[1:]):
        text += f + p
    if style:
        f = whole_text_style(rng, lang)
        text = spacing_noise(rng, lang, text)
        if f is not None and f is not str.lower:
            text = f(text)
    return text


def typo(rng, s):
    """One slip of the fingers in a word of s: two letters swapped or one dropped."""
    ws = s.split(" ")
    cands = [i for i, w in enumerate(ws) if len(w) >= 5 and w.isalpha()]
    if not cands:
        return s
    i = pick(rng, cands)
    w = ws[i]
    j = rng.randrange(1, len(w) - 2)
    if chance(rng, 0.5):
        w = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    else:
        w = w[:j] + w[j + 1 :]
    ws[i] = w
    return " ".join(ws)


# ---------------------------------------------------------------------------------------------
# Check digits and number shapes.


def cpr(rng, year=None):
    """A Danish CPR number (date, then the 7th digit consistent with the century)."""
    if year is None:
        year = rng.randint(1932, 2012)
    month = rng.randint(1, 12)
    day = rng.randint(1, days_in_month(year, month))
    yy = year % 100
    if year < 2000:
        if yy >= 58 and chance(rng, 0.4):
            seventh = pick(rng, "0123")
        elif yy >= 37 and chance(rng, 0.3):
            seventh = pick(rng, "49")
        else:
            seventh = pick(rng, "0123")
    else:
        seventh = pick(rng, "49") if (yy <= 36 and chance(rng, 0.5)) else pick(rng, "5678")
        if seventh in "5678" and yy > 57:
            seventh = "4"
    serial = seventh + digits(rng, 3)
    return "%02d%02d%02d" % (day, month, yy), serial, (year, month, day)


def days_in_month(year, month):
    if month == 2:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31


def random_birth(rng, lo=1935, hi=2008):
    year = rng.randint(lo, hi)
    month = rng.randint(1, 12)
    return year, month, rng.randint(1, days_in_month(year, month))


# Regions (the first six digits) of Chinese resident IDs: Beijing's districts first, then
# provinces people move to Beijing from.
CN_REGIONS = words(
    """
110101 110102 110105 110106 110107 110108 110109 110111 110112 110113 110114 110115 110116
110117 110118 110119 120101 120103 120104 130102 130104 130105 130203 130302 130402 130602
130902 131002 140105 140106 150102 210102 210103 210202 220102 230102 230103 310101 310104
310105 310106 310107 310109 310110 310112 310115 320102 320104 320105 320106 320205 320506
330102 330106 330108 330203 340102 340104 350102 350203 360102 370102 370103 370202 370203
410102 410105 410302 420102 420106 430102 430103 440103 440104 440105 440106 440111 440303
440304 440305 450102 460105 500101 500103 500105 510104 510105 510107 520102 530102 540102
610102 610103 610113 620102 630102 640104 650102 653101 220202 230602 370602 371302 411302
"""
)


def cn_id(rng):
    """A Chinese resident ID number with a right ISO 7064 MOD 11-2 check character."""
    year, month, day = random_birth(rng, 1940, 2008)
    body = pick(rng, CN_REGIONS) + "%04d%02d%02d" % (year, month, day) + digits(rng, 3)
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    s = sum(int(c) * w for c, w in zip(body, weights))
    check = "10X98765432"[s % 11]
    return body + check


def cuit(rng, prefix=None):
    """An Argentine CUIT/CUIL: prefix, DNI-like 8 digits, mod 11 check digit."""
    while True:
        # People's numbers: 30, 33 and 34 are for companies.
        p = prefix or weighted(rng, [(5, "20"), (5, "27"), (1, "23"), (1, "24")])
        dni = "%08d" % rng.randint(4000000, 46000000)
        body = p + dni
        s = sum(int(c) * w for c, w in zip(body, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]))
        r = 11 - s % 11
        if r == 11:
            r = 0
        if r == 10:
            continue
        return p, dni, str(r)


DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"


def es_dni(rng):
    n = rng.randint(1000000, 79999999)
    return "%08d" % n, DNI_LETTERS[n % 23]


def es_nie(rng):
    lead = pick(rng, "XXYYZ")
    n = rng.randint(0, 9999999)
    value = int(str("XYZ".index(lead)) + "%07d" % n)
    return lead, "%07d" % n, DNI_LETTERS[value % 23]


# IBAN layouts: (country, BBAN pattern) with 9 a digit, A an upper-case letter, B a bank code.
IBAN_LAYOUT = {
    "DK": "99999999999999",
    "DE": "999999999999999999",
    "ES": "99999999999999999999",
    "GB": "BBBB99999999999999",
    "NL": "BBBB9999999999",
    "FR": "99999999999999999999999",
    "SE": "99999999999999999999",
    "NO": "99999999999",
    "PT": "999999999999999999999",
    "IE": "BBBB99999999999999",
    "BE": "999999999999",
    "PL": "999999999999999999999999",
    "IT": "A9999999999999999999999",
    "FI": "99999999999999",
    "CH": "99999999999999999",
    "AT": "9999999999999999",
}
IBAN_BANKS = {
    "GB": words("NWBK BARC LOYD HBUK MIDL NAIA SCBL ABBY CPBK MONZ REVO TSBS RBOS CLYD"),
    "IE": words("AIBK BOFI IPBS ULSB"),
    "NL": words("ABNA INGB RABO TRIO SNSB KNAB ASNB BUNQ"),
}


def iban(rng, cc):
    bban = ""
    banks = IBAN_BANKS.get(cc, ["XXXX"])
    bank = pick(rng, banks)
    bi = 0
    for ch in IBAN_LAYOUT[cc]:
        if ch == "9":
            bban += pick(rng, "0123456789")
        elif ch == "A":
            bban += pick(rng, "ABCDEFGHJKLMNPRSTUVWXZ")
        else:
            bban += bank[bi]
            bi += 1
    if cc == "DK":
        bban = pick(rng, words("0040 3000 5301 1551 2000 9570 6880 7681 5470 3409 0400")) + bban[4:]
    if cc == "ES":
        bban = pick(rng, words("2100 0049 0182 2038 0081 1465 0075 3058 2080 0128")) + bban[4:]
    rearranged = bban + cc + "00"
    num = "".join(str(int(ch, 36)) for ch in rearranged)
    check = 98 - int(num) % 97
    return cc + "%02d" % check + bban


def iban_ok(s):
    s = s.replace(" ", "")
    num = "".join(str(int(ch, 36)) for ch in s[4:] + s[:4])
    return int(num) % 97 == 1


def isbn13(rng, prefix):
    body = prefix + digits(rng, 12 - len(prefix))
    s = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(body))
    return body + str((10 - s % 10) % 10)


# ---------------------------------------------------------------------------------------------
# Names.

DA_GIVEN_F = words(
    """
Anne Kirsten Hanne Mette Anna Helle Susanne Lene Maria Marianne Inger Karen Lone Bente Camilla
Pia Louise Charlotte Jette Tina Gitte Ida Emma Julie Sofie Signe Malene Birgitte Lise Rikke
Katrine Dorthe Ulla Ellen Ruth Grethe Kirstine Lærke Freja Clara Alma Agnes Ella Karla Nanna
Mathilde Josefine Cecilie Astrid Frida Liva Ingrid Vibeke Trine Tove Jytte Aase Merete Lisbeth
Annette Pernille Stine Line Mia Sara Laura Amalie Caroline Emilie Marie Nina Henriette Dorte
Connie Hanna Bodil Solveig Ditte Sanne Maja Silje Rebekka Thea Esther Margrethe Johanne Bolette
Sidsel Ane Marlene Anne-Mette Ann-Sofie Mette-Marie Birthe Gudrun Edith Erna Lilly Inge Yvonne
Vivi Winnie Heidi Jeanette Maiken Tanja Sabrina Mille Naja Olivia Alberte Ellinor Filippa
Gry Kamma Rigmor Oda Villemo Xenia Tilde Marianne Benedikte Dagmar Elin Karoline Ester
"""
)
DA_GIVEN_M = words(
    """
Peter Jens Lars Michael Henrik Thomas Søren Jan Niels Christian Martin Jørgen Anders Morten
Jesper Ole Erik Mads Rasmus Bent Poul Torben Mikkel Steen Klaus Kasper Frederik Jakob Brian
Flemming Carsten Kenneth Allan René Lasse Kristian Bjarne Finn John Knud Svend Preben Jonas
Nikolaj Simon Emil Oliver William Noah Lucas Victor Malthe Magnus Oscar Alfred Carl Aksel
Valdemar Arthur August Villads Anton Johan Sebastian Tobias Benjamin Mathias Asger Ebbe Esben
Gunnar Holger Jeppe Kjeld Leif Mogens Palle Sune Thorkild Troels Ulrik Vagn Verner Aage
Uffe Bjørn Kåre Jørn Ove Tage Arne Erling Eigil Hjalte Halfdan Kresten Mikael Rune Tue
Hans-Henrik Jens-Ole Karl-Erik Per-Olof Bo-Erik Ejnar Evald Harald Helge Ivar Jeppe Kaj
Laurits Marius Otto Sigurd Storm Thor Viggo Walther Elias Hugo Storm Vitus Bertram Christoffer
Dennis Jimmy Tommy Ronnie Bjarke Asbjørn Gorm Torsten Eskild Hasse Claus Keld Frits
"""
)
DA_SUR = words(
    """
Nielsen Jensen Hansen Pedersen Andersen Christensen Larsen Sørensen Rasmussen Jørgensen Petersen
Madsen Kristensen Olsen Thomsen Christiansen Poulsen Johansen Møller Mortensen Knudsen Jakobsen
Jacobsen Mikkelsen Olesen Frederiksen Laursen Henriksen Lund Schmidt Eriksen Holm Kristiansen
Clausen Simonsen Svendsen Andreasen Iversen Jeppesen Mogensen Jespersen Nissen Lauridsen Kjær
Jepsen Frandsen Østergaard Søndergaard Kjeldsen Dahl Nørgaard Vestergaard Carlsen Bertelsen
Thygesen Toft Lindberg Riis Winther Brandt Bruun Friis Kirkegaard Dalsgaard Overgaard Bech
Gregersen Damgaard Hedegaard Kofoed Lorentzen Abildgaard Kjærsgaard Bundgaard Skovgaard Juhl
Thorsen Bisgaard Korsgaard Vinther Mathiesen Villadsen Ebbesen Kruse Husted Enevoldsen Wulff
Holst Steffensen Bjerre Storgaard Brodersen Vognsen Kragh Staun Mølgaard Hald Lindholm Hjorth
Ibsen Ladefoged Leth Boysen Kastrup Rask Stampe Ahlgren Ørum Wendelboe Graversen Kirkeby
Rosenkilde Schou Mølholm Højgaard Bøgh Thorup Dyhr Borup Brix Glud Kappel Buch Bagger Berthelsen
Bonde Dideriksen Ernst Fog Gravesen Hagelund Hermansen Hvidt Ingvardsen Jessen Kaspersen Klitgaard
Kolding Krarup Kvist Langhoff Lassen Lykkegaard Marcussen Mejer Munk Nedergaard Nyborg Paulsen
Pilgaard Refsgaard Rohde Sandberg Schultz Skytte Stausholm Tranberg Trolle Ulriksen Vang Wagner
Westergaard Yde Zacho Aagaard Aaberg Asmussen Bendtsen Bloch Dam Degn Eskildsen Fabricius Fenger
"""
)
DA_IMMIGRANT_GIVEN = words(
    """
Mohammed Mohamad Ahmad Hassan Hussein Omar Yusuf Ibrahim Mustafa Fatima Aisha Zeynep Ayşe Mehmet
Emre Elif Leyla Amina Mariam Nour Yasmin Abdullahi Hodan Faisal Tariq Imran Priya Arjun Anh
Huong Tuan Piotr Katarzyna Tomasz Agnieszka Oksana Olena Dmytro Ivana Jovana Nikola Milica Andrei
Ioana Marius Ahmet Halima Hamid Reza Shirin Dariush Parisa Kwame Chinedu Ngozi Bilal Samira
Khaled Rania Walid Hiba Zainab Abdirahman Saynab Asad Farida Kemal Murat Hatice Burak Selin
"""
)
DA_IMMIGRANT_SUR = words(
    """
Yilmaz Kaya Demir Şahin Çelik Öztürk Hussein Ahmed Mohamed Khan Hassan Abdi Farah Warsame Nguyen
Tran Pham Kowalski Nowak Wiśniewski Kowalczyk Kamińska Popescu Ionescu Petrović Jovanović Hodžić
Begić Kovačević Rahimi Karimi Hosseini Mohammadi Singh Sharma Patel Okafor Mensah Al-Sayed
El-Amin Haddad Nasser Saleh Mansour Shevchenko Bondarenko Kovalenko Aydın Arslan Doğan Yıldız
Osman Jama Hersi Nur Mahmoud Ibrahim Qureshi Malik Baig Rashid Haidari Azizi Sultani
"""
)

EN_GIVEN_F = words(
    """
Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Lisa Nancy Betty
Margaret Sandra Ashley Kimberly Emily Donna Michelle Carol Amanda Dorothy Melissa Deborah
Stephanie Rebecca Sharon Laura Cynthia Kathleen Amy Angela Shirley Anna Brenda Pamela Emma
Nicole Helen Samantha Katherine Christine Debra Rachel Carolyn Janet Catherine Maria Heather
Diane Ruth Julie Olivia Joyce Virginia Victoria Kelly Lauren Christina Joan Evelyn Judith Megan
Andrea Cheryl Hannah Jacqueline Martha Gloria Teresa Sara Madison Frances Kathryn Janice Abigail
Alice Judy Sophia Denise Doris Marilyn Danielle Beverly Isabella Theresa Diana Natalie Brittany
Charlotte Marie Kayla Alexis Lori Amelia Isla Ava Mia Poppy Freya Ellie Chloe Sophie Lucy Gemma
Kirsty Aoife Niamh Siobhan Sinead Eilidh Bethan Cerys Rhiannon Imogen Harriet Philippa Fiona
Morag Shona Bridget Maureen Colleen Tamsin Jemima Zoe Keisha Tanisha Shaniqua Latoya Jasmine
"""
)
EN_GIVEN_M = words(
    """
James John Robert Michael William David Richard Joseph Thomas Charles Christopher Daniel Matthew
Anthony Donald Steven Paul Andrew Joshua Kenneth Kevin Brian George Timothy Ronald Edward Jason
Jeffrey Ryan Jacob Gary Nicholas Eric Jonathan Stephen Larry Justin Scott Brandon Benjamin
Samuel Gregory Alexander Patrick Raymond Dennis Jerry Tyler Aaron Adam Nathan Henry Douglas
Zachary Peter Kyle Ethan Walter Noah Jeremy Christian Keith Roger Terry Gerald Harold Sean
Lawrence Dylan Jesse Bryan Bruce Gabriel Logan Albert Alan Wayne Elijah Randy Roy Vincent Ralph
Eugene Russell Bobby Mason Philip Louis Oliver Harry Alfie Charlie Freddie Archie Theo Leo Oscar
Callum Liam Connor Declan Rhys Gareth Dafydd Hamish Angus Fergus Niall Ciaran Eoin Padraig Seamus
Graham Nigel Clive Trevor Derek Malcolm Colin Alistair Rupert Hugo Jeremiah Tyrone DeShawn
Darnell Marquis Jamal Cody Travis Dustin Brett Chad Wyatt Hunter Chase Garrett Tanner
"""
)
EN_SUR = words(
    """
Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore Jackson Martin
Thompson White Harris Clark Lewis Robinson Walker Young Allen Wright Scott Hill Adams Baker
Nelson Carter Mitchell Roberts Turner Phillips Campbell Parker Evans Edwards Collins Stewart Morris
Rogers Reed Cook Morgan Murphy Bailey Cooper Richardson Cox Howard Ward Peterson Gray Watson
Sanders Price Bennett Barnes Ross Henderson Coleman Jenkins Perry Powell Patterson Hughes Butler
Simmons Foster Bryant Griffin Hayes Myers Hamilton Graham Sullivan Wallace Owens Reynolds Fisher
Ellis Harrison Gibson McDonald Marshall Murray Freeman Wells Webb Simpson Stevens Tucker Porter
Hunter Hicks Crawford Boyd Kennedy Warren Dixon Burns Gordon Shaw Holmes Rice Robertson Hunt
Daniels Palmer Mills Grant Knight Ferguson Hawkins Dunn Perkins Hudson Spencer Gardner Stephens
Payne Pierce Matthews Arnold Wagner Willis Watkins Olson Carroll Duncan Snyder Hart Cunningham
Bradley Andrews Harper Riley Armstrong Carpenter Weaver Greene Elliott Sims Peters Kelley Franklin
Lawson O'Brien O'Connor O'Neill McCarthy MacLeod McKenzie Fitzgerald Gallagher Doherty Kavanagh
Quinn Brennan Whitfield Ashworth Pemberton Haworth Blackwood Thornton Fairclough Ramsbottom
Higginbotham Featherstone Cartwright Hargreaves Sutcliffe Pickering Wainwright Openshaw
"""
)
EN_FOREIGN_GIVEN = words(
    """
Priya Rajesh Anil Sunita Deepak Aarav Fatima Mohammed Ahmed Ayesha Imran Nasreen Chidi Oluwaseun
Adaeze Tunde Kwabena Ama Wei Jing Xiaoming Hiroshi Yuki Min-jun Ji-woo Thanh Linh Mariusz
Agnieszka Krzysztof Bogdan Svetlana Giorgos Eleni Kemal Ayse Javier Guadalupe Alejandro Ximena
"""
)
EN_FOREIGN_SUR = words(
    """
Patel Shah Begum Hussain Rahman Chowdhury Akhtar Iqbal Sharma Gupta Kaur Okonkwo Adeyemi Okafor
Mensah Owusu Asante Nwosu Chen Wang Liu Zhang Kim Park Nguyen Tran Yamamoto Tanaka Kowalczyk
Wójcik Nowicki Papadopoulos Yilmaz Hernandez Lopez Gonzalez Ramirez Castillo Oyelaran Balogun
"""
)

ES_GIVEN_M = words(
    """
Juan José Carlos Luis Jorge Miguel Diego Martín Pablo Sergio Alejandro Fernando Gustavo Daniel
Ricardo Roberto Eduardo Facundo Matías Nicolás Santiago Tomás Agustín Lucas Joaquín Ignacio
Gonzalo Federico Mariano Hernán Leandro Maximiliano Ezequiel Lautaro Thiago Benjamín Bautista
Valentino Francisco Javier Andrés Raúl Rubén Óscar Héctor Hugo Horacio Osvaldo Néstor Rodolfo
Alberto Esteban Emiliano Gastón Marcelo Rodrigo Cristian Damián Germán Julián Adrián Álvaro
Iñaki Jordi Pau Xavier Iker Unai Mikel Borja Íñigo Ramón Manuel Antonio Pedro Ángel Rafael
Enrique Vicente Jaime Emilio Salvador Ulises Walter Claudio Darío Fabián Mauricio Sebastián
Patricio Cristóbal Lisandro Nahuel Franco Valentín Ciro Gael Dante Elías Fermín Leonel Abel
"""
)
ES_GIVEN_F = words(
    """
María Ana Laura Lucía Sofía Valentina Camila Martina Florencia Micaela Agustina Julieta Paula
Carolina Gabriela Silvina Mariana Natalia Verónica Andrea Claudia Patricia Graciela Susana Norma
Beatriz Marta Mónica Liliana Alejandra Romina Daiana Yanina Noelia Celeste Belén Milagros Ailén
Jimena Ximena Lorena Cecilia Silvia Estela Inés Elena Carmen Isabel Montserrat Nuria Aitana
Ainhoa Itziar Leire Irene Cristina Raquel Sonia Eva Guadalupe Macarena Candela Catalina Juana
Teresa Lourdes Josefina Antonella Brenda Tamara Vanesa Yamila Lucila Marisol Gimena Rocío
Abigail Zoe Renata Emilia Olivia Morena Malena Pilar Ornella Priscila Soledad Analía Marcela
"""
)
ES_GIVEN_COMPOUND = items(
    """
María José|Juan Pablo|María Laura|Juan Manuel|José Luis|Ana Belén|María del Carmen|Juan Cruz
María Eugenia|Luis Alberto|Juan Carlos|Miguel Ángel|María Fernanda|Juan Ignacio|María Sol
José María|Ana María|María Florencia|Juan Martín|Luis Miguel|María Victoria|Juan José|María Paz
Francisco Javier|María de los Ángeles|Carlos Alberto|María Inés|Jorge Luis|María Celeste
"""
)
ES_SUR = words(
    """
González Rodríguez Gómez Fernández López Díaz Martínez Pérez García Sánchez Romero Sosa Torres
Álvarez Ruiz Ramírez Benítez Acosta Medina Herrera Suárez Aguirre Giménez Gutiérrez Pereyra Rojas
Molina Castro Ortiz Silva Núñez Luna Juárez Cabrera Ríos Morales Godoy Ferreyra Domínguez Carrizo
Peralta Castillo Ledesma Quiroga Vega Muñoz Ojeda Ponce Villalba Cardozo Navarro Coronel Vázquez
Ramos Vargas Cáceres Arias Figueroa Correa Maldonado Rivero Miranda Mansilla Farías Roldán Méndez
Guzmán Agüero Hernández Lucero Páez Escobar Mendoza Barrios Bustos Ávila Ayala Soria Maidana Acuña
Leiva Duarte Moyano Campos Soto Jiménez Iglesias Serrano Marín Sanz Garrido Ortega Santos Lozano
Guerrero Gallego Vidal Márquez Herrero Peña Cabello Carmona Pascual Santana Fuentes Aguilar
Montero Hidalgo Lorenzo Nieto Crespo Echeverría Etchegaray Goñi Urquiza Aramburu Larrañaga
Iturralde Zubizarreta Arrieta Olaizola Rossi Russo Esposito Bianchi Romano Colombo Ricci Marino
Greco Gallo Conti Costa Giordano Mancini Rizzo Lombardi Moretti Barbieri Fontana Santoro Mariani
Rinaldi Caruso Ferrara Galli Martinelli Vitale Lombardo Coppola Marchetti Parisi D'Angelo
Ferraro Fabbri Pellegrini Palumbo Cattaneo Morelli Amato Benedetti Caputo Montanari Bernardi
Goldberg Rosenberg Levy Cohen Katz Schwartz Menem Yoma Jalil Nasif Kalpakian Eurnekian Hagopian
Manoukian Tanaka Nakamura Higa Oshiro Mamani Quispe Condori Choque Huanca Villca Chambi Apaza
Insaurralde Zalazar Albornoz Bazán Barrionuevo Chávez Galarza Gauna Ibarra Jaime Lencina Montenegro
Olmedo Palacios Quinteros Rearte Sequeira Toledo Valdez Zárate Aráoz Benavídez Cisneros Frías
"""
)
ES_IMMIGRANT_GIVEN = words(
    """
Wei Ming Jian Xiaoling Hyun-woo Ji-yeon Seo-yeon Dae-jung Oleksandr Iryna Mamadou Aminata Moussa
Fatou Ousmane Samba Yaneth Wilmer Yeison Yesenia Deivis Kelly Jhon Darwin Lizeth Edwin
"""
)
ES_IMMIGRANT_SUR = words(
    """
Wang Chen Lin Zhang Li Kim Park Lee Choi Kovalenko Shevchenko Diallo Ndiaye Sow Diop Fall Cissé
Camara Traoré Mendoza Villca Quispe Benítez Giménez Duarte Ramírez Orellana Cabañas
"""
)

ZH_SURNAMES = words(
    """
王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹 彭 曾 肖
田 董 袁 潘 于 蒋 蔡 余 杜 叶 程 苏 魏 吕 丁 任 沈 姚 卢 姜 崔 钟 谭 陆 汪 范 金 石 廖 贾 夏 韦 付
方 白 邹 孟 熊 秦 邱 江 尹 薛 闫 段 雷 侯 龙 史 陶 黎 贺 顾 毛 郝 龚 邵 万 钱 严 覃 武 戴 莫 孔 向
汤 常 温 康 施 文 牛 樊 葛 邢 安 齐 易 乔 伍 庞 颜 倪 庄 聂 章 鲁 岳 翟 殷 詹 申 欧 耿 关 兰 焦 俞
左 柳 甘 祝 包 宁 尚 符 舒 阮 柯 纪 梅 童 凌 毕 单 季 裴 霍 涂 成 苗 谷 盛 曲 翁 冉 骆 蓝 路 游 辛
靳 管 柴 鲍 华 喻 祁 房 滕 屈 饶 解 牟 艾 尤 阳 时 穆 司 卓 古 吉 简 车 项 连 芦 麦 褚 娄 窦 戚 岑
"""
)
ZH_COMPOUND_SURNAMES = words("欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 令狐 夏侯 端木 长孙 宇文")
ZH_GIVEN = words(
    """
伟 强 磊 军 勇 杰 涛 斌 超 明 刚 平 辉 鹏 华 飞 鑫 波 宇 浩 凯 健 俊 帆 帅 旭 宁 龙 林 欢 阳 建
亮 成 佳 峰 博 文 志 海 东 晨 睿 轩 芳 娜 敏 静 丽 艳 娟 霞 燕 玲 丹 萍 红 婷 雪 琳 洁 颖 倩 慧 莉
欣 怡 蕾 薇 晶 璐 瑶 秀英 桂英 玉兰 秀兰 浩然 宇轩 梓涵 一鸣 天佑 俊杰 建国 建华 国强 志强 志明
永刚 海涛 晓东 文博 子豪 家豪 明轩 皓轩 浩宇 博文 思远 致远 嘉懿 煜城 昊然 明杰 立诚 鹏飞 振华
振国 德华 德明 卫东 卫国 建军 新民 学军 保国 庆丰 佳怡 欣怡 诗涵 雨涵 子涵 思涵 一诺 可馨 语嫣
紫萱 雨桐 欣妍 梦琪 晓燕 丽娟 秀珍 淑珍 淑华 桂兰 凤英 美玲 春梅 海燕 晓红 丽萍 雅婷 静怡 思琪
雨萱 子怡 梓萱 佳琪 晓丽 红梅 玉梅 秋菊 冬梅 小红 小燕 晓梅 嘉欣 若曦 心怡 婉清 慧敏 文静 巧玲
宏伟 文杰 少华 永强 伟民 建平 国华 志刚 春生 金龙 长江 振宇 天翼 俊熙 梓睿 沐宸 浩轩 奕辰 宇航
"""
)
ZH_PINYIN_SUR = words(
    """
Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin Luo Zheng Liang
Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Yuan Pan Jiang Cai Du Ye Cheng Su Wei
Lyu Ding Ren Shen Yao Lu Cui Zhong Tan Fan Jin Shi Liao Jia Xia Fang Bai Zou Meng Xiong Qin Qiu
"""
)
ZH_PINYIN_GIVEN = words(
    """
Wei Fang Na Xiuying Min Jing Li Qiang Lei Jun Yang Yong Yan Jie Juan Tao Ming Chao Xiulan Xia
Ping Gang Guiying Jianguo Zhiqiang Xiaoyan Haoran Yuxuan Zihan Yiming Junjie Jianhua Guoqiang
Xiaodong Wenbo Zihao Jiahao Siyuan Zhiyuan Mingjie Pengfei Zhenhua Weidong Jiayi Xinyi Shihan
Yuhan Kexin Yutong Mengqi Lijuan Meiling Chunmei Haiyan Xiaohong Liping Yating Jingyi Siqi
Zixuan Ruoxi Xinyi Wanqing Huimin Wenjing Hongwei Wenjie Shaohua Yongqiang Jianping Zhigang
"""
)
ZH_WESTERN_GIVEN = words(
    "Lily Kevin Jason Tony Vivian Grace Eric Cindy Jack Amy Frank Helen Leo Coco"
)


def given_sur(rng, lang):
    """A given name and a surname (as lists of words) of someone living where `lang` is spoken."""
    r = rng.random()
    if lang == "da":
        if r < 0.18:
            g = [pick(rng, DA_IMMIGRANT_GIVEN)]
            s = [pick(rng, DA_IMMIGRANT_SUR)]
        else:
            given = DA_GIVEN_F if chance(rng, 0.5) else DA_GIVEN_M
            g = [pick(rng, given)]
            if chance(rng, 0.15):
                g.append(pick(rng, given))
            s = [pick(rng, DA_SUR)]
            if chance(rng, 0.15):
                s = [pick(rng, DA_SUR)] + s
            elif chance(rng, 0.06):
                s = [pick(rng, DA_SUR) + "-" + s[0]]
        if chance(rng, 0.04):
            g, s = [pick(rng, ZH_PINYIN_GIVEN)], [pick(rng, ZH_PINYIN_SUR)]
    elif lang == "en":
        if r < 0.2:
            g = [pick(rng, EN_FOREIGN_GIVEN)]
            s = [pick(rng, EN_FOREIGN_SUR)]
        else:
            g = [pick(rng, EN_GIVEN_F if chance(rng, 0.5) else EN_GIVEN_M)]
            s = [pick(rng, EN_SUR)]
            if chance(rng, 0.06):
                s = [pick(rng, EN_SUR) + "-" + s[0]]
        if chance(rng, 0.05):
            g, s = [pick(rng, ZH_PINYIN_GIVEN)], [pick(rng, ZH_PINYIN_SUR)]
    elif lang == "es":
        if r < 0.12:
            g = [pick(rng, ES_IMMIGRANT_GIVEN)]
            s = [pick(rng, ES_IMMIGRANT_SUR)]
        else:
            if chance(rng, 0.2):
                g = pick(rng, ES_GIVEN_COMPOUND).split()
            else:
                g = [pick(rng, ES_GIVEN_F if chance(rng, 0.5) else ES_GIVEN_M)]
            s = [pick(rng, ES_SUR)]
            x = rng.random()
            if x < 0.25:
                s.append(pick(rng, ES_SUR))
            elif x < 0.29:
                s = [s[0], "de", pick(rng, ES_SUR)]
            elif x < 0.31:
                s = [s[0] + "-" + pick(rng, ES_SUR)]
    else:
        raise AssertionError(lang)
    return g, s


def name_secrets(ws):
    """Each word of a name is a secret; particles and initials alone are not."""
    out = []
    for w in ws:
        for part in w.split("-"):
            if part.lower() in ("de", "del", "la", "las", "los", "y", "van", "von", "da", "di"):
                continue
            if len(part.rstrip(".")) <= 1:
                continue
            out.append(part)
    return out


# Titles that stand before a bare surname ("fru Kjærsgaard", "Sra. Fernández").
TITLES = {
    "da": items(
        "fru|hr.|Fru|Hr.|frk.|dr.|læge|overlæge|professor|borgmester|rådmand|pastor|"
        "Hr|Fru.|direktør|Dr."
    ),
    "en": items(
        "Mr|Mr.|Mrs|Mrs.|Ms|Ms.|Miss|Dr|Dr.|Prof.|Cllr|Councillor|Officer|Sgt|Rev.|Nurse|"
        "Sister|Judge|Inspector|Coach|MR|MRS|Mx"
    ),
    "es": items(
        "Sr.|Sra.|Srta.|señor|señora|Dr.|Dra.|Lic.|Ing.|Prof.|el señor|la señora|la doctora|"
        "el doctor|la licenciada|el licenciado|don|doña|Don|Doña|el arquitecto|la profe|"
        "Sr|Sra|el Dr|la seño"
    ),
}
# Roles that stand before a full name ("sagsbehandler Mette Hansen").
ROLES = {
    "da": items(
        "sagsbehandler|sygeplejerske|pædagog|kontaktperson|lærer|vicevært|formand|"
        "kommunens medarbejder|min nabo|min mor|naboen|ejendomsmester|chauffør"
    ),
    "en": items(
        "caseworker|my neighbour|my neighbor|nurse|the officer|landlord|my son|"
        "social worker|the driver|your colleague|manager|tenant"
    ),
    "es": items(
        "la vecina|el vecino|el encargado|la asistente social|mi hijo|mi mamá|el chofer|"
        "la empleada|el inspector|el portero|la administradora|mi marido"
    ),
}
ZH_TITLES_FULL = words("先生 女士 老师 医生 经理 主任 律师 警官 书记 同学 师傅 阿姨 同志")
ZH_TITLES_AFTER = words("先生 女士 老师 医生 经理 主任 阿姨 师傅 大爷 大妈 同学 律师 警官 书记 科长 处长 " "总 工 姐 哥 叔 婶")
ZH_TITLES_BEFORE = words("小 老")


def latin_name(rng, lang, listed=False):
    """A personal name as written in Latin script, with its secrets.

    listed: the name stands after a label or at the end ("Navn: §", "Hilsen §"), where
    "Surname, Given" is how forms and signatures have it.
    """
    g, s = given_sur(rng, lang)
    form = rng.random()
    if not listed and 0.80 <= form < 0.88:
        form = rng.random() * 0.52
    if form < 0.52:
        ws = g + s
        text = " ".join(ws)
        sec = name_secrets(ws)
    elif form < 0.62:
        # initials before the surname, or a given name and an initial
        if chance(rng, 0.5):
            inits = "".join(x[0] + "." for x in g)
            if chance(rng, 0.3):
                inits = inits.replace(".", ". ").strip()
            text = inits + " " + " ".join(s)
            sec = name_secrets(s)
        else:
            mid = pick(rng, "ABCDEFGHJKLMNPRST") + "."
            text = " ".join(g) + " " + mid + " " + " ".join(s)
            sec = name_secrets(g + s)
    elif form < 0.80:
        # title and surname only, or title and the full name
        if chance(rng, 0.6):
            text = pick(rng, TITLES[lang]) + " " + " ".join(s)
            sec = name_secrets(s)
        else:
            t = pick(rng, TITLES[lang] + ROLES[lang])
            text = t + " " + " ".join(g + s)
            sec = name_secrets(g + s)
    elif form < 0.88:
        # Surname, Given (forms, lists, signatures)
        text = " ".join(s) + ", " + " ".join(g)
        sec = name_secrets(g + s)
    elif form < 0.95:
        text = " ".join(g + s).upper()
        sec = [x.upper() for x in name_secrets(g + s)]
    else:
        text = " ".join(g + s).lower()
        sec = [x.lower() for x in name_secrets(g + s)]
    return ident(text, *sec)


def zh_name(rng):
    """A personal name as written in Chinese text, with its secrets."""
    if chance(rng, 0.03):
        sur = pick(rng, ZH_COMPOUND_SURNAMES)
    else:
        sur = pick(rng, ZH_SURNAMES[:60]) if chance(rng, 0.7) else pick(rng, ZH_SURNAMES)
    given = pick(rng, ZH_GIVEN)
    r = rng.random()
    if r < 0.55:
        return ident(sur + given, sur, given)
    if r < 0.68:
        return ident(sur + given + pick(rng, ZH_TITLES_FULL), sur, given)
    if r < 0.80:
        return ident(sur + pick(rng, ZH_TITLES_AFTER), sur)
    if r < 0.85:
        return ident(pick(rng, ZH_TITLES_BEFORE) + sur, sur)
    if r < 0.94:
        ps, pg = pick(rng, ZH_PINYIN_SUR), pick(rng, ZH_PINYIN_GIVEN)
        text = pick(
            rng, [ps + " " + pg, pg + " " + ps, ps.upper() + " " + pg, pg + " " + ps.upper()]
        )
        return ident(text, *text.split())
    w, ps = pick(rng, ZH_WESTERN_GIVEN), pick(rng, ZH_PINYIN_SUR)
    return ident(w + " " + ps, w, ps)


def person(rng, lang, listed=False):
    return zh_name(rng) if lang == "zh" else latin_name(rng, lang, listed)


# ---------------------------------------------------------------------------------------------
# Around the identifiers: greetings, sign-offs, brackets and quotes.

OPENERS = {
    "da": items(
        """Hej.|Hej med jer,|Kære Københavns Kommune.|Til rette vedkommende:|Goddag.|Hejsa!|
        Hej igen.|Vedr. min henvendelse fra sidste uge:|Undskyld at jeg skriver igen.|
        Kære borgerservice|
        Hej, jeg har et spørgsmål.|Godmorgen|Angående klagen:|Hermed svar på spørgeskemaet.|
        Hej alle|
        Opfølgning:|Jeg vil gerne klage.|Tak for et godt møde.|Hej hej|Hallo?"""
    ),
    "en": items(
        """Hi.|Hello,|Dear Sir or Madam,|To whom it may concern:|Good morning.|Hey!|
        Hi again.|Re: my complaint from last week:|Sorry to bother you again.|Dear Council,|
        Hi, quick question.|Morning all|Further to my call:|Survey answer below.|Hiya|Follow-up:|
        I wish to complain.|Thanks for the meeting.|Hello hello|Anyone there?"""
    ),
    "es": items(
        """Hola.|Buenas,|Estimados:|A quien corresponda:|Buen día.|Holaaa!|Hola de nuevo.|
        Ref: mi reclamo de la semana pasada:|Perdón que insista.|Sres. del Gobierno de la Ciudad:|
        Hola, una consulta.|Buenas tardes|Sigo esperando respuesta.|Respondo la encuesta.|Che,|
        Seguimiento:|Quiero hacer un reclamo.|Gracias por la reunión.|Hola hola|Hay alguien?"""
    ),
    "zh": items(
        """你好。|您好，|尊敬的领导：|各位好！|早上好。|你好！|再次打扰了。|关于上周的投诉：|
        不好意思又来问了。|市民热线：|问一下，|大家好|接上次电话：|问卷回答如下：|在吗？|跟进一下：|
        我要投诉。|谢谢昨天的接待。|哈喽|有人吗？"""
    ),
}
CLOSERS = {
    "da": items(
        """Mvh|Med venlig hilsen|Vh|Tak på forhånd.|Håber I vil se på det.
        Det er simpelthen for dårligt.|tak|:)|Venlig hilsen|På forhånd tak for hjælpen.
        Glædelig jul!|Hilsen|Det haster!!|Jeg venter spændt på svar.|God weekend|Knus
        Undskyld stavefejlene, skrevet fra mobilen."""
    ),
    "en": items(
        """Regards|Kind regards|Thanks|Thanks in advance.|Hope you can look into this.
        This is simply not good enough.|cheers|:)|Best wishes|Many thanks for your help.
        Happy holidays!|Yours faithfully|This is urgent!!|Looking forward to hearing from you.
        Have a good weekend|xx|Sent from my iPhone"""
    ),
    "es": items(
        """Saludos|Saludos cordiales|Gracias|Desde ya muchas gracias.
        Espero que lo puedan ver.|Es una vergüenza.|gracias!|:)|Atentamente
        Muchas gracias por la ayuda.|Felices fiestas!|Quedo a la espera.|Es urgente!!
        Espero su respuesta.|Buen finde|Besos|Enviado desde mi celular"""
    ),
    "zh": items(
        """谢谢！|此致敬礼|麻烦了。|希望尽快处理。|太不像话了！|谢谢|：）|祝好|感谢帮助！|
        新年快乐！|急！！|期待回复。|周末愉快|辛苦了|发自我的手机|盼复。"""
    ),
}
WRAPS = {
    "da": [("(", ")"), ('"', '"'), ("»", "«"), ("„", "“"), ("'", "'"), ("[", "]"), ("<", ">")],
    "en": [("(", ")"), ('"', '"'), ("“", "”"), ("'", "'"), ("[", "]"), ("<", ">")],
    "es": [("(", ")"), ('"', '"'), ("«", "»"), ("“", "”"), ("'", "'"), ("[", "]")],
    "zh": [("（", "）"), ("“", "”"), ("「", "」"), ("(", ")"), ("【", "】")],
}


def dress(rng, lang, frame, wrap_p=0.12, filler_p=0.22):
    """The frame with, now and then, a bracket or quotes round a slot and a greeting or sign-off.

    The greeting or sign-off may carry a slip of the fingers; the frame's own words do not, so
    that the words that announce an identifier stay as the frame wrote them.
    """
    if SLOT in frame and chance(rng, wrap_p):
        n = frame.count(SLOT)
        k = rng.randrange(n)
        a, b = pick(rng, WRAPS[lang])
        parts = frame.split(SLOT)
        frame = SLOT.join(parts[: k + 1]) + a + SLOT + b + SLOT.join(parts[k + 1 :])
    sep = "" if lang == "zh" else " "
    if chance(rng, filler_p):
        o = pick(rng, OPENERS[lang])
        if lang != "zh" and chance(rng, 0.2):
            o = typo(rng, o)
        frame = o + sep + frame
    if chance(rng, filler_p):
        c = pick(rng, CLOSERS[lang])
        if lang != "zh" and chance(rng, 0.2):
            c = typo(rng, c)
        frame = frame + sep + c
    return frame


# ---------------------------------------------------------------------------------------------
# Name frames: where a name sits in a text.

NAME_FRAMES = {
    "da": items(
        """
§ har ikke fået svar på sin ansøgning om beboerlicens.
Jeg har talt med § fra Teknik- og Miljøforvaltningen, men intet er sket.
Min nabo § spiller høj musik hver nat efter kl. 23.
Kontakt venligst § hvis der er spørgsmål.
Hilsen §
Mvh. §
Sagsbehandleren (§) sagde at det ville tage fire uger.
Vi var tre familier der skrev under: § og §.
Jeg hedder § og bor på Amager.
Spørg efter §, hun kender hele sagen.
Bestyrelsen v/ §
Underskrevet: §
Det var § der ringede i går angående storskrald.
Tak til § for den hurtige hjælp!
Klagen er sendt af § på vegne af beboerne.
§ (formand for grundejerforeningen) har bedt om et møde.
jeg har skrevet til § flere gange uden svar
Kan I sende brevet til § i stedet for til mig?
Cykelstien er livsfarlig, siger §.
Pga. sygdom kan § ikke deltage i borgermødet.
Afsender: §
Barnets navn: §
Pårørende: §, datter
§ skrev: "vi må gøre noget ved rotterne"
Hej §, tak for sidst.
Til §, Borgerservice
Jeg var sammen med § til mødet om den nye metrostation.
Ifølge § fra Vej og Park bliver hullet lappet i næste uge.
Vores dagplejer § er fantastisk!!
kontaktperson: § / ring efter frokost
§ og jeg har boet i opgangen siden firserne.
Min mor, §, kan ikke selv komme op ad trapperne.
Er der nogen der kender §? Hun har mistet sin kat.
Besked videresendt fra §:
Jeg blev henvist til § på jobcentret.
Navn: §
Ansøger: §
Det er § der har parkeret på fortovet igen.
spørgsmål til §: hvornår kommer skraldebilen?
§ har været syg i tre uger og mangler hjemmehjælp.
Underskrift: §, formand
Vi vil gerne takke § og § for arrangementet.
Lejer: §, 2. sal
Pedellen hedder § og er altid flink.
"""
    ),
    "en": items(
        """
§ has not heard back about the parking permit.
I spoke to § at the council but nothing happened.
My neighbour § plays loud music every night after 11.
Please contact § if you have any questions.
Kind regards, §
Thanks, §
Best, §
The caseworker (§) told me it would take four weeks.
Signed: § and §
My name is § and I live in Hackney.
Ask for §, she knows the whole story.
It was § who called yesterday about the bin collection.
Huge thanks to § for sorting out the streetlight!
Complaint submitted by § on behalf of the residents' association.
§ (chair of the tenants' association) has asked for a meeting.
i emailed § three times and got no reply
Could you send the letter to § instead?
From: §
Child's name: §
Next of kin: §, daughter
§ wrote: "something has to be done about the rats"
Hi §, thanks for getting back to me.
Dear §,
Dear §, I am writing about the potholes on our road.
According to § from Highways, the hole will be fixed next week.
Our childminder § is amazing!!
cc: §
Attn: §
Me and § went to the consultation about the new cycle lane.
Spoke with §. She said to email the planning team.
§ and I have lived in this block since the eighties.
My mum, §, can't manage the stairs any more.
Does anyone know §? She lost her cat.
Forwarded message from §:
I was referred to § at the job centre.
Name: §
Applicant: §
It's § who keeps parking on the pavement.
question for §: when is the bin lorry coming?
§ has been ill for three weeks and needs home care.
Signature: §, chair
We'd like to thank § and § for organising the fair.
Tenant: §, second floor
The caretaker is called § and is always helpful.
"""
    ),
    "es": items(
        """
§ todavía no recibió respuesta sobre el permiso de estacionamiento.
Hablé con § en la comuna pero no pasó nada.
Mi vecino § pone música fuerte todas las noches después de las 23.
Cualquier consulta comunicarse con §.
Saludos, §
Atte. §
Atentamente, §
La asistente social (§) me dijo que tardaría cuatro semanas.
Firmado: § y §
Me llamo § y vivo en Caballito.
Pregunten por §, ella conoce todo el caso.
Fue § quien llamó ayer por la recolección de residuos.
Gracias a § por arreglar la luminaria!!
Reclamo presentado por § en nombre del consorcio.
§ (presidente de la cooperadora) pidió una reunión.
le escribí a § tres veces y nunca contestó
¿Pueden enviar la carta a § en vez de a mí?
De: §
Nombre del menor: §
Contacto de emergencia: §, hija
§ dijo: «hay que hacer algo con las ratas»
Hola §, gracias por responder.
Estimado/a §:
Según § de Espacio Público, el bache se arregla la semana que viene.
La maestra de mi hijo, §, es un amor.
Fui con § a la audiencia pública por la ciclovía.
Me atendió § en la ventanilla y fue muy amable.
Buenas, soy § del edificio de enfrente.
§ y yo vivimos en este edificio desde los ochenta.
Mi mamá, §, ya no puede subir las escaleras.
¿Alguien conoce a §? Perdió a su gato.
Mensaje reenviado de §:
Me derivaron con § en la oficina de empleo.
Nombre y apellido: §
Solicitante: §
Es § el que estaciona en la vereda todos los días.
pregunta para §: ¿cuándo pasa el camión de la basura?
§ está enferma hace tres semanas y necesita asistencia.
Firma: §, presidente
Queremos agradecer a § y a § por organizar la feria.
Inquilino: §, segundo piso
El encargado se llama § y siempre ayuda.
"""
    ),
    "zh": items(
        """
我是§，住在朝阳区望京街道。
请联系§，她负责这件事。
邻居§每天晚上十一点以后还在装修。
感谢§帮我们解决了路灯的问题！
经办人：§
联系人：§
投诉人：§
上周我和§一起去了街道办，到现在还没有答复。
§说这个问题下个月才能处理。
我已经给§打过三次电话了，一直没人接。
孩子的名字是§，在附近小学读三年级。
紧急联系人：§（女儿）
小区物业的§态度很差。
§：你好，关于停车位的事情想再问一下。
@§ 明天的会议改到下午了
转发给§看看
签名：§
听§说，胡同口的垃圾站要搬走了。
是§让我打这个电话的。
我妈妈§今年七十多了，腿脚不方便。
家长：§
申请人§，身体不好，希望能尽快处理。
姓名：§
我和§都是这个楼的老住户了。
请问§在吗？
居委会的§每次都说在协调。
今天下午§来看过现场了。
业主§反映楼道里堆满了杂物。
麻烦转告§，车已经挪走了。
谢谢§和§组织的活动！
租户：§，三楼
报名人：§
被投诉人是§，住在隔壁单元。
我叫§，是这个小区的居民。
"""
    ),
}


# ---------------------------------------------------------------------------------------------
# E-mail addresses.

ASCII_FOLD = {
    "æ": "ae",
    "ø": "oe",
    "å": "aa",
    "á": "a",
    "é": "e",
    "í": "i",
    "ó": "o",
    "ú": "u",
    "ü": "u",
    "ñ": "n",
    "ö": "o",
    "ç": "c",
    "ş": "s",
    "ğ": "g",
    "ı": "i",
    "ć": "c",
    "ń": "n",
    "ś": "s",
    "ż": "z",
    "ł": "l",
    "ž": "z",
    "č": "c",
    "'": "",
}
EMAIL_DOMAINS = {
    "da": words(
        """gmail.com gmail.com gmail.com hotmail.com hotmail.dk live.dk yahoo.dk outlook.dk
        mail.dk jubii.dk stofanet.dk webspeed.dk mail.tele.dk privat.dk sol.dk youmail.dk icloud.com
        me.com protonmail.com post.tele.dk email.dk outlook.com ofir.dk get2net.dk kk.dk ku.dk
        regionh.dk ruc.dk itu.dk dr.dk c.dk tdcadsl.dk paradis.dk"""
    )
    + ["familien-%s.dk"],
    "en": words(
        """gmail.com gmail.com gmail.com yahoo.com yahoo.co.uk hotmail.co.uk btinternet.com
        sky.com virginmedia.com outlook.com aol.com comcast.net verizon.net icloud.com
        protonmail.com talktalk.net ntlworld.com live.co.uk me.com mac.com gmx.com ed.ac.uk nhs.net
        ymail.com hotmail.com googlemail.com att.net sbcglobal.net cox.net
        blueyonder.co.uk"""
    )
    + ["%s.me.uk", "%s-family.com"],
    "es": words(
        """gmail.com gmail.com gmail.com hotmail.com hotmail.com.ar yahoo.com.ar
        outlook.com live.com.ar fibertel.com.ar speedy.com.ar arnet.com.ar ciudad.com.ar
        buenosaires.gob.ar uba.ar telefonica.net yahoo.es hotmail.es terra.es movistar.es
        outlook.es icloud.com yahoo.com gmx.es educ.ar fi.uba.ar unlp.edu.ar
        live.com"""
    )
    + ["estudio%s.com.ar"],
    "zh": words(
        """qq.com qq.com qq.com 163.com 163.com 126.com sina.com sina.cn sohu.com foxmail.com
        aliyun.com 139.com yeah.net tom.com 21cn.com outlook.com gmail.com hotmail.com pku.edu.cn
        tsinghua.edu.cn bjmu.edu.cn vip.qq.com vip.163.com ruc.edu.cn bnu.edu.cn
        189.cn"""
    ),
}


def fold(s):
    return "".join(ASCII_FOLD.get(ch, ch) for ch in s.lower())


def email_parts(rng, lang):
    """Chunks of the local part (joined by their separators) and the domain."""
    if lang == "zh":
        r = rng.random()
        if r < 0.3:
            return (
                [str(rng.randint(10000, 3999999999))],
                [],
                pick(rng, words("qq.com qq.com vip.qq.com foxmail.com")),
            )
        ps, pg = pick(rng, ZH_PINYIN_SUR).lower(), pick(rng, ZH_PINYIN_GIVEN).lower()
        if r < 0.55:
            chunks, seps = [ps + pg + (str(rng.randint(60, 99)) if chance(rng, 0.5) else "")], []
        elif r < 0.7:
            chunks, seps = [pg, ps], [pick(rng, "._")]
        elif r < 0.8:
            chunks, seps = [
                pick(rng, words("xiao sunny happy lucky little daisy ice"))
                + pg
                + str(rng.randint(1, 2024))
            ], []
        elif r < 0.9:
            chunks, seps = [pick(rng, ZH_WESTERN_GIVEN).lower(), ps], [pick(rng, "._")]
        else:
            chunks, seps = [ps + pg[0] + str(rng.randint(1970, 2010))], []
        return chunks, seps, pick(rng, EMAIL_DOMAINS["zh"])
    g, s = given_sur(rng, lang)
    g = fold(g[0].split("-")[0])
    s = fold(s[-1 if lang == "es" and chance(rng, 0.2) else 0].split("-")[0])
    r = rng.random()
    year = str(rng.randint(1950, 2010))
    if r < 0.30:
        chunks, seps = [g, s], ["."]
    elif r < 0.42:
        chunks, seps = [g + s], []
    elif r < 0.50:
        chunks, seps = [g[0] + s], []
    elif r < 0.58:
        chunks, seps = [g, s], ["_"]
    elif r < 0.66:
        chunks, seps = [g, s + year[2:]], ["."]
    elif r < 0.72:
        chunks, seps = [g + year], []
    elif r < 0.77:
        chunks, seps = [g, s], ["-"]
    elif r < 0.82:
        chunks, seps = [s + g[0]], []
    elif r < 0.87:
        chunks, seps = [g, s], ["+"]
        chunks[1] = pick(rng, words("kommune city spam noreply news post"))
        chunks[0] = g + "." + s
    elif r < 0.92:
        chunks, seps = (
            [
                pick(
                    rng,
                    words(
                        """cykelmor tigerlily bluefox pumpkin sunshine lobo gatito
            nalle musen kaffe skater moonwalker runner gamer_x chef_pepe pibe"""
                    ),
                )
                + str(rng.randint(1, 999))
            ],
            [],
        )
    else:
        chunks, seps = [g[0], s], ["."]
    dom = pick(rng, EMAIL_DOMAINS[lang])
    if "%s" in dom:
        dom = dom % s
    return chunks, seps, dom


AT_WORDS = {
    "da": [" snabel-a ", "(snabel-a)", " (snabel a) ", "[at]", " at ", "(at)", " @ ", " snabel a "],
    "en": [" at ", "[at]", "(at)", " AT ", " [at] ", " @ ", " (at) "],
    "es": [" arroba ", "(arroba)", "[arroba]", " at ", "(at)", " @ ", " ARROBA "],
    "zh": ["艾特", "#", "(at)", "[at]", "＠", " at ", " @ "],
}
DOT_WORDS = {
    "da": [" punktum ", " prik ", "[dot]", " dot ", "(punktum)"],
    "en": [" dot ", "[dot]", "(dot)", " DOT "],
    "es": [" punto ", "[punto]", " dot ", "(punto)"],
    "zh": ["点", " dot ", "[dot]"],
}


def email(rng, lang, obfuscate_p=0.2):
    chunks, seps, dom = email_parts(rng, lang)
    upper = lang != "zh" and chance(rng, 0.04)
    if upper:
        chunks = [c.capitalize() for c in chunks]
    if not chance(rng, obfuscate_p):
        local = chunks[0]
        for sep, c in zip(seps, chunks[1:]):
            local += sep + c
        at = "＠" if lang == "zh" and chance(rng, 0.05) else "@"
        text = local + at + dom
        secrets = [c for c in chunks if len(c) >= 2]
        return ident(text, *secrets)
    at = pick(rng, AT_WORDS[lang])
    dotw = pick(rng, DOT_WORDS[lang]) if chance(rng, 0.5) else "."
    local = chunks[0]
    for sep, c in zip(seps, chunks[1:]):
        local += (dotw if sep == "." else sep) + c
    text = local + at + dom.replace(".", dotw)
    if at == "#" and lang == "zh":
        text += pick(rng, ["（#换成@）", "(把#改成@)", "，#换成@"])
    secrets = [c for c in chunks if len(c) >= 2]
    return ident(text, *secrets)


EMAIL_FRAMES = {
    "da": items(
        """
Skriv til mig på §
Min mail er § hvis I har spørgsmål.
E-mail: §
mail: §
Svar gerne på § i stedet for i e-Boks.
Send venligst kvitteringen til § – tak.
Kontakt: §
Jeg har skiftet mail til §, den gamle virker ikke.
§ eller ring, hvad der passer jer bedst.
Kan I opdatere min mail? Den nye er §.
Kopi til §
min mail er § og min mands er §
Skriv gerne til §.
Hvis I vil vide mere: § :)
Mailadresse §
Jeg kan kontaktes på mail (§) hele ugen.
§
Send svar til: §
Referatet kan sendes til § og §.
Fra: § Emne: Storskrald
E-mailadresse: §, bedst om aftenen
mailen er §!
Jeg fik aldrig svar på mailen fra §
Har I fået min mail fra §?
"""
    ),
    "en": items(
        """
Email me at §
My email is § if you need anything else.
Email: §
e-mail: §
Reply to § please, not my work address.
Please send the receipt to § – thanks.
Contact: §
I've changed my email to §, the old one doesn't work any more.
§ or give me a call, whichever suits.
Could you update my email? The new one is §.
cc §
my email is § and my husband's is §
Drop me a line at §.
If you want to know more: § :)
Email address §
You can reach me by email (§) all week.
§
Send the reply to: §
Minutes can go to § and §.
From: § Subject: bulky waste
Email address: §, best in the evenings
the email is §!
I never got an answer to my email from §
Did you get my email from §?
"""
    ),
    "es": items(
        """
Escribime a §
Mi mail es § por cualquier consulta.
Correo: §
mail: §
Por favor respondan a § y no a mi correo del trabajo.
Envíen el comprobante a §, gracias.
Contacto: §
Cambié el correo, ahora es §, el viejo ya no anda.
§ o llamen, como les quede mejor.
¿Pueden actualizar mi mail? El nuevo es §.
cc §
mi mail es § y el de mi marido es §
Escríbanme a §.
Si quieren más info: § :)
Dirección de correo §
Me pueden escribir al mail (§) toda la semana.
§
Enviar respuesta a: §
El acta la pueden mandar a § y a §.
De: § Asunto: reclamo poda
E-mail: §, mejor a la noche
el mail es §!
Nunca me contestaron el mail desde §
¿Recibieron mi mail de §?
"""
    ),
    "zh": items(
        """
我的邮箱是§，有消息请通知我。
邮箱：§
电子邮件：§
请把回执发到§，谢谢。
联系邮箱§
有问题可以发邮件到§
我换邮箱了，新的是§，旧的不用了。
（§）
email: §
请回复到§，不要发到单位邮箱。
QQ邮箱：§
邮箱§，电话也可以
会议纪要请发给§和§。
发件人：§ 主题：小区停车
我的邮箱§，晚上看得到。
一直没收到回复，我的邮箱是§！
你们收到我从§发的邮件了吗？
§
E-mail：§
"""
    ),
}


# ---------------------------------------------------------------------------------------------
# Phone numbers. A number is built from tokens: (text, is_secret). The country code, the trunk
# prefix and a separate area code are not secrets; the subscriber's groups are.


def phone_text(tokens):
    text = "".join(t for t, _ in tokens)
    return ident(text, *[t for t, sec in tokens if sec and t])


def split_groups(num, sizes):
    out, i = [], 0
    for n in sizes:
        out.append(num[i : i + n])
        i += n
    return out


def join_groups(groups, sep, secret=True):
    tokens = []
    for i, g in enumerate(groups):
        if i:
            tokens.append((sep, False))
        tokens.append((g, secret))
    return tokens


DK_PREFIXES = words(
    """20 21 22 23 24 25 26 27 28 29 30 31 32 33 35 36 38 39 40 41 42 43 44 45 46 48
    49 50 51 52 53 60 61 62 64 66 70 71 72 73 74 75 76 81 86 87 88 89 91 92 93 96 97 98 99"""
)


def phone_dk(rng, kind):
    if kind == "unallocated":
        num = "1" + digits(rng, 7)
    else:
        num = pick(rng, DK_PREFIXES) + digits(rng, 6)
    style = rng.random()
    if style < 0.45:
        body = join_groups(split_groups(num, [2, 2, 2, 2]), " ")
    elif style < 0.62:
        body = [(num, True)]
    elif style < 0.78:
        body = join_groups(split_groups(num, [4, 4]), " ")
    elif style < 0.84:
        body = join_groups(split_groups(num, [2, 2, 2, 2]), "-")
    elif style < 0.93:
        body = join_groups(split_groups(num, [2, 2, 2, 2]), ".")
    else:
        body = join_groups(split_groups(num, [2, 2, 4]), " ")
    if kind == "international":
        cc = pick(rng, ["+45 ", "+45 ", "+45", "0045 ", "(+45) ", "+45-", "+ 45 "])
        return phone_text([(cc, False)] + body)
    return phone_text(body)


UK_MOBILE = words(
    "7711 7723 7734 7745 7751 7766 7777 7788 7799 7801 7812 7825 7831 7846 7852 "
    "7869 7875 7887 7890 7903 7912 7920 7932 7944 7958 7960 7971 7984 7999 7440 7456 "
    "7472 7488 7501 7512 7534 7548 7551 7563 7577 7584 7592 7305 7341 7376 7380 7393"
)
UK_GEO = [
    ("20", 8, [4, 4], "378"),
    ("161", 7, [3, 4], "2345"),
    ("121", 7, [3, 4], "2347"),
    ("141", 7, [3, 4], "2345"),
    ("131", 7, [3, 4], "2345"),
    ("113", 7, [3, 4], "2345"),
    ("117", 7, [3, 4], "234"),
    ("114", 7, [3, 4], "2345"),
    ("115", 7, [3, 4], "2"),
    ("1865", 6, [6], "2345"),
    ("1223", 6, [6], "2345"),
    ("29", 8, [4, 4], "2"),
    ("28", 8, [4, 4], "9"),
]
US_AREAS = words(
    "212 646 718 917 347 415 510 650 408 213 310 323 818 312 773 617 857 202 301 703 "
    "206 503 303 512 713 214 305 404 215 267 412 614 313 612 702 602 619 858 916 720"
)


def phone_en(rng, kind):
    uk = chance(rng, 0.55)
    if uk:
        if kind == "unallocated":
            # Ofcom keeps 07700 900000-900999 for drama: a number nobody has.
            body = [
                ("07700", True),
                (" ", False),
                ("900", True),
                (" " if chance(rng, 0.5) else "", False),
                (digits(rng, 3), True),
            ]
            return phone_text(body)
        if kind == "local":
            area, n, sizes, first = pick(rng, UK_GEO[1:8])
            num = digits(rng, n, first)
            return phone_text(join_groups(split_groups(num, sizes), " "))
        if chance(rng, 0.5):
            pre = pick(rng, UK_MOBILE)
            rest = digits(rng, 6)
            if kind == "international":
                cc = pick(rng, ["+44 ", "+44 (0)", "0044 ", "+44"])
                body = [(cc, False), (pre, True), (" ", False)]
                body += (
                    join_groups(split_groups(rest, [3, 3]), " ")
                    if chance(rng, 0.4)
                    else [(rest, True)]
                )
                return phone_text(body)
            if chance(rng, 0.2):
                return phone_text([("0" + pre + rest, True)])
            body = [("0" + pre, True), (" ", False)]
            body += (
                join_groups(split_groups(rest, [3, 3]), " ") if chance(rng, 0.4) else [(rest, True)]
            )
            return phone_text(body)
        area, n, sizes, first = pick(rng, UK_GEO)
        num = digits(rng, n, first)
        if kind == "international":
            body = [(pick(rng, ["+44 ", "+44 (0)", "0044 "]) + area + " ", False)]
        else:
            body = [(pick(rng, ["0" + area + " ", "(0" + area + ") ", "0" + area + "-"]), False)]
        return phone_text(body + join_groups(split_groups(num, sizes), " "))
    area = pick(rng, US_AREAS)
    if kind == "unallocated":
        exch = "555"
        line = "01" + digits(rng, 2)
    else:
        exch = digits(rng, 1, "23456789") + digits(rng, 2)
        if exch[1:] == "11" or exch == "555":
            exch = "246"
        line = digits(rng, 4)
    if kind in ("local", "unallocated") and chance(rng, 0.6):
        return phone_text([(exch, True), ("-", False), (line, True)])
    style = rng.random()
    if style < 0.35:
        body = [("(" + area + ") ", False), (exch, True), ("-", False), (line, True)]
    elif style < 0.6:
        body = [(area + "-", False), (exch, True), ("-", False), (line, True)]
    elif style < 0.75:
        body = [(area + ".", False), (exch, True), (".", False), (line, True)]
    elif style < 0.85:
        body = [(area + " ", False), (exch, True), (" ", False), (line, True)]
    else:
        body = [(area + exch + line, True)]
    if kind == "international":
        body = [(pick(rng, ["+1 ", "+1 ", "1-", "+1-"]), False)] + body
    return phone_text(body)


AR_AREAS = [
    ("11", 8),
    ("11", 8),
    ("11", 8),
    ("351", 7),
    ("341", 7),
    ("221", 7),
    ("261", 7),
    ("223", 7),
    ("381", 7),
    ("387", 7),
    ("299", 7),
    ("291", 7),
    ("342", 7),
]


def phone_es(rng, kind):
    if chance(rng, 0.3):
        # Spain
        if kind == "unallocated":
            num = "5" + digits(rng, 8, "0")
        elif chance(rng, 0.6):
            num = pick(rng, "67") + digits(rng, 8) if chance(rng, 0.85) else "6" + digits(rng, 8)
            if num[0] == "7":
                num = "7" + pick(rng, "1234") + num[2:]
        else:
            num = pick(rng, words("91 93 96 95 94 98 97")) + digits(rng, 7, "12345678")
        style = rng.random()
        if style < 0.35:
            body = join_groups(split_groups(num, [3, 3, 3]), " ")
        elif style < 0.55:
            body = [(num, True)]
        elif style < 0.8:
            body = join_groups(split_groups(num, [3, 2, 2, 2]), " ")
        else:
            body = join_groups(split_groups(num, [2, 3, 2, 2]), " ")
        if kind == "international":
            body = [(pick(rng, ["+34 ", "0034 ", "+34", "(+34) "]), False)] + body
        return phone_text(body)
    # Argentina
    area, n = pick(rng, AR_AREAS)
    mobile = chance(rng, 0.55)
    if kind == "unallocated":
        area, n = "11", 8
        sub = "0" + digits(rng, 7)
    elif area == "11":
        sub = digits(rng, 1, "456" if not mobile else "23456") + digits(rng, 7)
    else:
        sub = digits(rng, 1, "45" if not mobile else "5") + digits(rng, 6)
    half = 4 if n == 8 else 3
    groups = split_groups(sub, [half, n - half])
    sep = pick(rng, ["-", "-", " ", ""])
    subtoks = join_groups(groups, sep) if sep else [(sub, True)]
    if kind == "local":
        if mobile:
            return phone_text([(pick(rng, ["15-", "15 ", "15"]), False)] + subtoks)
        return phone_text(subtoks)
    if kind == "international":
        cc = (
            pick(rng, ["+54 9 ", "+549 ", "+54 9 ", "0054 9 "])
            if mobile
            else pick(rng, ["+54 ", "0054 "])
        )
        if chance(rng, 0.15):
            return phone_text([((cc + area).replace(" ", ""), False), (sub, True)])
        return phone_text([(cc + area + " ", False)] + subtoks)
    style = rng.random()
    if mobile and style < 0.35:
        pre = pick(rng, ["0" + area + " 15 ", "(0" + area + ") 15-", area + " 15 ", area + "-15-"])
        return phone_text([(pre, False)] + subtoks)
    if style < 0.5:
        pre = "(0" + area + ") "
    elif style < 0.7:
        pre = "0" + area + " "
    elif style < 0.85:
        pre = area + " "
    elif style < 0.92:
        pre = area + "-"
    else:
        return phone_text([(area + sub, True)])
    return phone_text([(pre, False)] + subtoks)


CN_MOBILE = words(
    "130 131 132 133 134 135 136 137 138 139 150 151 152 153 155 156 157 158 159 166 "
    "173 175 176 177 178 180 181 182 183 184 185 186 187 188 189 191 198 199 147 195"
)


def phone_zh(rng, kind):
    if kind == "unallocated":
        num = "12" + digits(rng, 9)
        style = rng.random()
        if style < 0.5:
            return phone_text([(num, True)])
        return phone_text(join_groups(split_groups(num, [3, 4, 4]), pick(rng, " -")))
    if kind == "local":
        num = digits(rng, 1, "568") + digits(rng, 7)
        sep = pick(rng, [" ", "-", ""])
        return phone_text(join_groups(split_groups(num, [4, 4]), sep) if sep else [(num, True)])
    if chance(rng, 0.7):
        num = pick(rng, CN_MOBILE) + digits(rng, 8)
        style = rng.random()
        if style < 0.5:
            body = [(num, True)]
        elif style < 0.75:
            body = join_groups(split_groups(num, [3, 4, 4]), " ")
        else:
            body = join_groups(split_groups(num, [3, 4, 4]), "-")
        if kind == "international":
            body = [(pick(rng, ["+86 ", "+86-", "+86", "0086 ", "(+86)"]), False)] + body
        return phone_text(body)
    num = digits(rng, 1, "568") + digits(rng, 7)
    if num.startswith("800"):
        num = "6" + num[1:]  # 800 numbers are free phones, not a household's line
    sep = pick(rng, [" ", "-", ""])
    subtoks = join_groups(split_groups(num, [4, 4]), sep) if sep else [(num, True)]
    if kind == "international":
        return phone_text([(pick(rng, ["+86 10 ", "+86-10-", "0086 10 "]), False)] + subtoks)
    return phone_text([(pick(rng, ["010-", "010 ", "(010)", "（010）", "010-"]), False)] + subtoks)


PHONE_MAKERS = {"da": phone_dk, "en": phone_en, "es": phone_es, "zh": phone_zh}


def phone(rng, lang, kind=None):
    if kind is None:
        kind = weighted(
            rng, [(30, "international"), (56, "national"), (7, "local"), (7, "unallocated")]
        )
        if lang == "da" and kind == "local":
            kind = "national"  # Denmark has no area codes: every number is dialled in full
    return PHONE_MAKERS[lang](rng, kind)


PHONE_FRAMES = {
    "da": items(
        """
Ring til mig på §
Tlf. §
tlf: §
Mit nummer er § (bedst efter kl. 16).
Mobil: §
I kan fange mig på § hele dagen.
Skriv en sms til §
§ – ring endelig!
Kontakt mig på tlf §.
Telefon §
Ring evt. til min datter på §
mit nr er §
Jeg kan kontaktes på telefon § eller § (arbejde).
Telefonnummer: §
mobilnr. §
Ring venligst på § mellem 8 og 12.
Min mand har nummeret §, ring hellere til ham.
tlf.nr.: §, spørg efter Bo
I har mit telefonnummer (§), så ring nu!
Telefon: § / e-Boks
Ring tilbage på §, tak.
kontakt tlf. § ellers skriv
"""
    ),
    "en": items(
        """
Call me on §
Tel: §
tel. §
My number is § (best after 4pm).
Mobile: §
You can reach me on § any time.
Text me at §
§ – please call back!
Contact number: §
Please ring my daughter on §
call or text §
My landline is § and my mobile is §.
Phone §
Phone number: §
mob §
Please call § between 8 and 12.
My husband's number is §, try him instead.
Tel no: §, ask for Bob
You have my number (§), so please call!
Ph: §
Call me back on §, thanks.
cell: §
"""
    ),
    "es": items(
        """
Llamame al §
Tel.: §
tel: §
Mi número es § (después de las 18 hs).
Cel: §
Me pueden ubicar al § todo el día.
Mandame un WhatsApp al §
§ – llamen por favor!
Teléfono de contacto: §
Llamar a mi hija al §
tel fijo § / cel §
mi cel es §
Teléfono §
Celular: §
Whatsapp §
Por favor llamar al § de 8 a 12.
El número de mi marido es §, llamenlo a él.
Tel. particular: §, preguntar por Luis
Tienen mi teléfono (§), así que llamen!
móvil: §
Devuélvanme la llamada al §, gracias.
teléfono: § (dejar mensaje)
"""
    ),
    "zh": items(
        """
我的电话是§
电话：§
手机：§
联系电话§
有事打我手机§
微信同号§
手机号码：§，白天可能不方便接。
座机§，手机§
电话§（白天）
联系方式：§
加我微信吧，§
Tel: §
请打电话§找我
手机号§
联系电话：§，谢谢！
打我电话§，晚上八点以后都在
我爱人的手机是§，也可以打给他。
电话号码：§
"""
    ),
}


# ---------------------------------------------------------------------------------------------
# Street addresses. Secrets: the street's name, the house number, the floor or flat.

DA_STREET_ROOTS = items(
    """
Nørrebro|Vesterbro|Østerbro|Amagerbro|Frederiksberg|Jagt|Tagens|Blegdams|Rye|Fælled|Guldberg|
Stefans|Rantzau|Hillerød|Frederikssund|Ålholm|Roskilde|Valby Lang|Enghave|Isted|Dybbøl|Skydebane|
Matthæus|Saxo|Absalon|Dannebrog|Tullin|Falkoner|Godthåb|Nordre Fasan|Ålekiste|Vigerslev|Toftegårds|
Sjælør|Folehave|Kirkebjerg|Bella|Ørestads|Artilleri|Ørne|Bispebjerg|Tomsgårds|Frederiksborg|
Utterslev|Rovsing|Sankt Kjelds|Kildevælds|Strand|Øster|Vester|Nørre|Sølv|Krystal|Fiol|Knabro|Pile|
Klerke|Gothers|Adel|Bred|Amalie|Kronprinsesse|Sølvtorvs|Webers|Kingos|Stevns|
Brofogeds|Holbergs|Prags|Amager Fælled|Hørsholm|Gentofte|Lyngby|Lundtofte|Buddinge|Gladsaxe|
Søborg|Vangede|Rødovre|Brønshøj|Husum|Tingbjerg|Valhøj|Hvidovre|Avedøre|Kastrup|Tårnby|Dragør|
Sundby|Sundholms|Holmblads|Lergravs|Øresunds|Kastels|Jyllinge|Grøndals|Borups|Fuglebakke|
Mimers|Rådmands|Titan|Hamlets|Ægir|Odins|Thors|Frejas|Baldurs|Heimdals|Brages|Birke|Kastanie|
Bøge|Egede|Hassel|Ahorn|Linde|Elme|Ask|Rønne|Hyldebær|Syrene|Roser|Tulipan|Lærke|Stære|Drossel|
Svane|Måge|Høg|Falke|Glente|Ravne|Musvåge|Spurve|Solsort|Vibe|Hjejle|Tranehave|Mose|Eng|Kær|Bakke|
Skole|Kirke|Mølle|Præste|Smede|Bager|Møller|Skovs|Strand|Havne|Kanal|Bro|Sø|Park|Villa|Slots|Borg
"""
)
DA_STREET_SUFFIX = [
    (30, "gade"),
    (34, "vej"),
    (8, "allé"),
    (4, "stræde"),
    (3, " Boulevard"),
    (3, "plads"),
    (2, "torv"),
    (3, "vænget"),
    (2, "parken"),
    (2, "bakken"),
    (2, "høj"),
    (2, "haven"),
    (1, "stien"),
    (1, "gyde"),
    (1, "kaj"),
    (1, "brygge"),
    (1, "engen"),
    (1, "toften"),
    (1, "lund"),
    (1, "vang"),
]
DA_STREET_PERSON = items(
    """
H.C. Andersens Boulevard|H.C. Ørsteds Vej|Peter Bangs Vej|Niels Juels Gade|Dronning Louises Bro|
Kong Georgs Vej|Ole Suhrs Gade|Jens Baggesens Vej|Julius Thomsens Gade|Hans Tavsens Gade|
Prinsesse Charlottes Gade|Christian IX's Gade|Dag Hammarskjölds Allé|Niels Ebbesens Vej|
Abel Cathrines Gade|Sankt Peders Stræde|Grundtvigs Vej|Carl Jacobsens Vej|Ole Maaløes Vej|
Niels Bohrs Allé|Arne Jacobsens Allé|Vilhelm Thomsens Allé|Emil Holms Kanal|Peder Lykkes Vej|
Kaj Munks Vej|Poul Henningsens Plads|Carl Nielsens Allé|Ole Rømers Gade|Tycho Brahes Allé|
Frederik V's Vej|Gammel Kongevej|Gammel Køge Landevej|Vester Voldgade|Nørre Voldgade|
Sankt Hans Gade|Sankt Annæ Plads|Islands Brygge|Kalvebod Brygge|Store Kongensgade|Lille Istedgade|
Amager Strandvej|Vesterbrogade|Nørre Allé|Øster Allé|Strandboulevarden|Frederiksberg Allé|
Gothersgade|Bredgade|Østerbrogade|Nørrebrogade|Amagerbrogade|Istedgade|Jagtvej|Tagensvej|
Blegdamsvej|Ryesgade|Fælledvej|Guldbergsgade|Elmegade|Ravnsborggade|Sankt Hans Torv|Griffenfeldsgade
"""
)


def da_street(rng):
    if chance(rng, 0.35):
        return pick(rng, DA_STREET_PERSON)
    root = pick(rng, DA_STREET_ROOTS)
    suf = weighted(rng, DA_STREET_SUFFIX)
    return root + suf


def da_house_no(rng):
    n = str(
        weighted(
            rng, [(6, rng.randint(1, 60)), (3, rng.randint(61, 160)), (1, rng.randint(161, 320))]
        )
    )
    if chance(rng, 0.12):
        n += pick(rng, ["A", "B", "C", "D", "E", "F", "a", "b", " A", " B"])
    return n


def da_floor(rng):
    floor = weighted(rng, [(4, "st"), (1, "kl"), (6, str(rng.randint(1, 6)))])
    side = weighted(rng, [(4, "th"), (4, "tv"), (1, "mf"), (1, str(rng.randint(1, 24))), (2, "")])
    style = rng.random()
    if floor == "kl":
        return pick(rng, ["kl.", "kld.", "kælder"])
    if not side:
        return floor + "." + (" sal" if floor != "st" and chance(rng, 0.5) else "")
    if style < 0.55:
        return floor + ". " + side + "."
    if style < 0.75:
        return floor + "." + side
    if style < 0.9:
        return floor + " " + side
    return floor + ". " + side


DA_TOWNS = items(
    """2200 København N|2100 København Ø|2300 København S|1620 København V|2000 Frederiksberg|
2400 København NV|2450 København SV|2500 Valby|2700 Brønshøj|2720 Vanløse|1050 København K|
2650 Hvidovre|2770 Kastrup|8000 Aarhus C|5000 Odense C|9000 Aalborg|2800 Kgs. Lyngby|2860 Søborg"""
)


def address_da(rng):
    street = da_street(rng)
    no = da_house_no(rng)
    toks = [(street, True), (" ", False), (no, True)]
    r = rng.random()
    if r < 0.55:
        fl = da_floor(rng)
        toks += [(pick(rng, [", ", " ", ", ", ","]), False), (fl, True)]
    if chance(rng, 0.25):
        toks += [(pick(rng, [", ", " ", ", "]) + pick(rng, DA_TOWNS), False)]
    text = "".join(t for t, _ in toks)
    return ident(text, *[t.strip() for t, sec in toks if sec])


EN_STREET_NAMES = items(
    """
High|Station|Church|Park|Victoria|Green|Manor|Kings|Queens|Mill|School|North|South|London|Albert|
Chapel|New|York|Main|Oak|Maple|Elm|Cedar|Pine|Washington|Lincoln|Jefferson|Madison|Franklin|Lake|
Hill|Sunset|Highland|Broad|Market|Water|Bridge|Grove|Orchard|Windsor|Stanley|Clarence|Princess|
Cromwell|Nelson|Wellington|Marlborough|Tavistock|Kingsland|Holloway|Caledonian|Seven Sisters|
Old Kent|Mile End|Cable|Brick|Commercial|Whitechapel|Bethnal Green|Roman|Essex|Cowley|Banbury|
Abbey|Priory|Hampton|Rosebery|Tottenham Court|Edgware|Kilburn High|Cricklewood|Harrow|Uxbridge|
Lordship|Coldharbour|Brixton Hill|Acre|Electric|Atlantic|Railton|Dalston|Stoke Newington|Amhurst|
Mare|Well|Cadogan|Sloane|Fulham Palace|Lillie|Shepherds Bush|Goldhawk|Askew|Uxbridge|Kensal|
Ladbroke|Portobello|Westbourne|Chepstow|Pembridge|Denmark|Coburg|Hanover|Brunswick|Regent|Oxford|
Cambridge|Lansdowne|Beaumont|Belmont|Fairfield|Springfield|Ashfield|Woodland|Meadow|Willow|Birch|
Chestnut|Sycamore|Hawthorn|Rowan|Laburnum|Holly|Ivy|Primrose|Bluebell|Heather|Poplar|Alder|
Sandringham|Balmoral|Osborne|Kenilworth|Warwick|Stratford|Bedford|Russell|Gower|Tavistock|Judd|
Peachtree|Mulberry|Magnolia|Dogwood|Sunnyside|Ridge|Valley|Riverside|Lakeview|Forest|Prospect|
Atwood|Halsted|Ashland|Damen|Western|Pulaski|Cicero|Belmont|Fullerton|Diversey|Irving Park|
Wabash|Michigan|Clark|Dearborn|Sheffield|Racine|Wolcott|Hoyne|Leavitt|Bleecker|Delancey|Ludlow|
Mott|Mulberry|Orchard|Rivington|Stanton|Houston|Bowery|Lexington|Amsterdam|Columbus|Flatbush|
Nostrand|Bedford|Myrtle|DeKalb|Atlantic|Fulton|Gates|Halsey|Putnam|Jefferson|Knickerbocker
"""
)
EN_STREET_TYPES = [
    (20, "Street"),
    (10, "St"),
    (4, "St."),
    (22, "Road"),
    (8, "Rd"),
    (2, "Rd."),
    (10, "Avenue"),
    (5, "Ave"),
    (2, "Ave."),
    (6, "Lane"),
    (2, "Ln"),
    (4, "Drive"),
    (1, "Dr"),
    (4, "Close"),
    (3, "Crescent"),
    (3, "Way"),
    (3, "Place"),
    (3, "Gardens"),
    (3, "Grove"),
    (3, "Terrace"),
    (2, "Court"),
    (2, "Square"),
    (1, "Boulevard"),
    (1, "Blvd"),
    (2, "Mews"),
    (1, "Row"),
    (1, "Walk"),
    (1, "Parade"),
]


def en_street(rng):
    if chance(rng, 0.12):
        n = rng.randint(1, 125)
        suf = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return (
            pick(rng, ["W ", "E ", "W. ", "East ", "West ", ""])
            + str(n)
            + suf
            + " "
            + pick(rng, ["St", "Street", "Ave", "Avenue"])
        )
    name = pick(rng, EN_STREET_NAMES)
    if chance(rng, 0.08):
        name = pick(rng, ["N ", "S ", "N. ", "S. ", "North ", "Upper ", "Lower ", "Old "]) + name
    return name + " " + weighted(rng, EN_STREET_TYPES)


EN_TOWNS = items(
    """London E8 2LX|London N16 7UJ|London SE15 4QL|London SW9 8BJ|Manchester M14 5RF|
Leeds LS6 1BN|Glasgow G12 8QQ|Bristol BS5 6HN|Birmingham B29 6BD|Edinburgh EH6 8RG|
Brooklyn, NY 11216|Chicago, IL 60614|Oakland, CA 94610|Boston, MA 02130|Austin, TX 78704|
Seattle, WA 98122|Portland, OR 97214|Philadelphia, PA 19147"""
)


def address_en(rng):
    street = en_street(rng)
    no = str(
        weighted(
            rng, [(6, rng.randint(1, 99)), (3, rng.randint(100, 450)), (2, rng.randint(1000, 9999))]
        )
    )
    if chance(rng, 0.08):
        no += pick(rng, ["A", "B", "a", "b", "C"])
    flat = None
    if chance(rng, 0.35):
        flat = (
            pick(rng, ["Flat ", "Flat ", "Apt ", "Apt. ", "Apartment ", "Unit ", "#", "Suite "])
            + str(rng.randint(1, 48))
            + (pick(rng, ["A", "B", "C", "D", ""]) if chance(rng, 0.3) else "")
        )
    r = rng.random()
    if flat and r < 0.5 and not flat.startswith(("#", "Suite")):
        toks = [(flat, True), (", ", False), (no, True), (" ", False), (street, True)]
    elif flat:
        toks = [
            (no, True),
            (" ", False),
            (street, True),
            (pick(rng, [", ", " ", ", "]), False),
            (flat, True),
        ]
    else:
        toks = [(no, True), (" ", False), (street, True)]
    if chance(rng, 0.25):
        us = any(ch.isdigit() for ch in street) or street[:2] in ("N ", "S ", "N.", "S.")
        towns = [t for t in EN_TOWNS if (t[-5:].isdigit() == us)]
        toks.append((", " + pick(rng, towns), False))
    text = "".join(t for t, _ in toks)
    return ident(text, *[t for t, sec in toks if sec])


AR_STREETS = items(
    """
Corrientes|Santa Fe|Córdoba|Rivadavia|Callao|Pueyrredón|Scalabrini Ortiz|Juan B. Justo|Cabildo|
Las Heras|del Libertador|Belgrano|San Juan|Independencia|Entre Ríos|Jujuy|Caseros|Montes de Oca|
Almirante Brown|Paseo Colón|Leandro N. Alem|Figueroa Alcorta|Coronel Díaz|Warnes|Díaz Vélez|
Acoyte|Avellaneda|Nazca|San Martín|Directorio|Eva Perón|Juan Bautista Alberdi|Lope de Vega|Segurola|
Francisco Beiró|Mosconi|Triunvirato|Álvarez Thomas|Forest|de los Incas|Congreso|Monroe|Elcano|
Federico Lacroze|Dorrego|Sarmiento|Lavalle|Tucumán|Perú|Bolívar|Florida|Maipú|Esmeralda|Suipacha|
Talcahuano|Uruguay|Paraná|Montevideo|Rodríguez Peña|Ayacucho|Junín|Azcuénaga|Honduras|Guatemala|
Nicaragua|Costa Rica|El Salvador|Gorriti|Cabrera|Soler|Paraguay|Charcas|Güemes|Arenales|Juncal|
Billinghurst|Bulnes|Medrano|Yatay|Pedro Goyena|José María Moreno|Cucha Cucha|Artigas|Emilio Mitre|
Boyacá|Álvarez Jonte|Gaona|Asamblea|Boedo|Castro Barros|Muñiz|Humahuaca|Lambaré|Gascón|
Estado de Israel|Fitz Roy|Humboldt|Jorge Newbery|Olleros|Amenábar|Crámer|Conde|Freire|Zapiola|
Juramento|Mendoza|Olazábal|Thames|Gurruchaga|Armenia|Malabia|Serrano|Godoy Cruz|Bonpland|Darwin|
Defensa|Bolívar|Chacabuco|Piedras|Tacuarí|Salta|Santiago del Estero|Lima|Virrey Cevallos|Pichincha|
Sánchez de Bustamante|Mario Bravo|Coronel Niceto Vega|Cervantes|Arregui|Cuenca|Nogoyá|Sanabria|
Carlos Calvo|Estados Unidos|Humberto Primo|Brasil|Garay|Pavón|Catamarca|La Rioja|Alsina|Moreno|
25 de Mayo|9 de Julio|3 de Febrero|11 de Septiembre|24 de Noviembre|15 de Noviembre|Mitre|
"""
)
AR_TYPES = [
    (30, ""),
    (20, "Av. "),
    (6, "Avenida "),
    (4, "Av "),
    (6, "calle "),
    (3, "Calle "),
    (2, "Pasaje "),
    (1, "Pje. "),
    (2, "Avda. "),
]
ES_STREETS = items(
    """
Alcalá|Gran Vía|Mayor|Atocha|Serrano|Velázquez|Goya|Fuencarral|Hortaleza|Arenal|Bravo Murillo|
Toledo|Segovia|Embajadores|Lavapiés|Argumosa|Princesa|Alberto Aguilera|Francisco Silvela|
Arturo Soria|López de Hoyos|Balmes|Mallorca|Aragó|Provença|Consell de Cent|Sierpes|Larios|Colón|
San Vicente|Uría|Preciados|Montera|Huertas|Cava Baja|Ribera de Curtidores|Santa Engracia|
Ríos Rosas|Cea Bermúdez|Galileo|Fernández de los Ríos|Hermosilla|Ayala|Don Ramón de la Cruz|
Doctor Esquerdo|O'Donnell|Ibiza|Menéndez Pelayo|Sainz de Baranda|Marcelo Usera|General Ricardos|
Oca|Antonio López|Extremadura|Illescas|Vinateros|Sancho Dávila|Marqués de Urquijo|
Blasco Ibáñez|Reino de Valencia|Cuba|Sueca|Ruzafa|Sant Antoni Maria Claret|Sants|Gran de Gràcia|
Verdi|Torrent de l'Olla|Pi i Margall|Virgen del Pilar|Independencia|Alfonso I|Coso|Tetuán|Feria|
"""
)
ES_TYPES = [
    (20, "Calle "),
    (18, "C/ "),
    (6, "c/ "),
    (8, "C/"),
    (6, "Avda. "),
    (4, "Avenida "),
    (3, "Paseo de "),
    (3, "Plaza "),
    (4, "Carrer de "),
    (2, "Ronda de "),
    (2, "Pza. "),
    (2, "calle "),
]


def ar_floor(rng):
    f = rng.randint(1, 14)
    apt = pick(rng, "ABCDEFGH") if chance(rng, 0.7) else str(rng.randint(1, 30))
    ordinal = {
        1: "1er",
        2: "2do",
        3: "3er",
        4: "4to",
        5: "5to",
        6: "6to",
        7: "7mo",
        8: "8vo",
        9: "9no",
        10: "10mo",
    }.get(f, str(f) + "°")
    return pick(
        rng,
        [
            "piso %d depto %s" % (f, apt),
            "%d° %s" % (f, apt),
            "%s %s" % (ordinal, apt),
            "PB %s" % apt,
            "dto. %s" % apt,
            "%s piso" % ordinal,
            "Depto %s" % apt,
            "piso %d, dpto. %s" % (f, apt),
            "%dº \"%s\"" % (f, apt),
            "%d%s" % (f, apt),
            "piso %d" % f,
            "PB",
        ],
    )


def es_floor(rng):
    f = rng.randint(1, 9)
    return pick(
        rng,
        [
            "%dº izq." % f,
            "%dº B" % f,
            "%dºD" % f,
            "bajo",
            "%dº dcha." % f,
            "ático",
            "%d-%s" % (f, pick(rng, "ABCD")),
            "%dº %dª" % (f, rng.randint(1, 4)),
            "entlo.",
            "%d.º A" % f,
            "%dº izda" % f,
            "bajo B",
        ],
    )


def address_es(rng):
    if chance(rng, 0.65):
        street = pick(rng, AR_STREETS)
        typ = weighted(rng, AR_TYPES)
        no = str(
            weighted(
                rng,
                [
                    (3, rng.randint(100, 999)),
                    (5, rng.randint(1000, 6999)),
                    (1, rng.randint(10, 99)),
                ],
            )
        )
        numsep = pick(rng, [" ", " ", " ", " N° ", " nº "])
        floor = ar_floor(rng) if chance(rng, 0.5) else None
        floorsep = pick(rng, [" ", ", ", " ", ", "])
        town = pick(
            rng,
            [
                ", CABA",
                ", C1414",
                " (1406)",
                ", Caballito",
                ", Villa Crespo",
                ", La Plata",
                ", Rosario",
                ", Córdoba capital",
                ", Palermo",
                ", Lanús",
            ],
        )
    else:
        street = pick(rng, ES_STREETS)
        typ = weighted(rng, ES_TYPES)
        if typ.startswith("Calle") and chance(rng, 0.4) and " " not in street:
            typ = typ + pick(rng, ["de ", "del "]) if chance(rng, 0.3) else typ
        no = str(rng.randint(1, 240))
        numsep = pick(rng, [", ", " ", ", nº ", " n.º ", ", "])
        floor = es_floor(rng) if chance(rng, 0.6) else None
        floorsep = pick(rng, [", ", " ", ", "])
        town = pick(
            rng,
            [
                ", 28013 Madrid",
                ", Madrid",
                ", 08037 Barcelona",
                ", Valencia",
                " (Sevilla)",
                ", 50001 Zaragoza",
                ", Bilbao",
            ],
        )
    toks = [(typ, False), (street, True), (numsep, False), (no, True)]
    if floor:
        toks += [(floorsep, False), (floor, True)]
    if chance(rng, 0.2):
        toks.append((town, False))
    text = "".join(t for t, _ in toks)
    return ident(text, *[t for t, sec in toks if sec])


ZH_ROADS = items(
    """
建国路|朝阳路|东三环中路|西直门外大街|中关村大街|学院路|知春路|北四环西路|望京西路|酒仙桥路|广渠路|
劲松路|南磨房路|安定路|北土城西路|德胜门外大街|鼓楼西大街|交道口南大街|前门大街|崇文门外大街|丰台北路|
方庄路|马家堡西路|石景山路|阜成路|复兴路|万寿路|西三环北路|紫竹院路|魏公村路|成府路|清华东路|林萃路|
回龙观西大街|天通苑北街|立汤路|北苑路|来广营西路|广顺北大街|阜通东大街|望京街|酒仙桥北路|东直门内大街|
朝阳门北大街|工人体育场北路|三里屯路|新源南路|亮马桥路|东四环中路|百子湾路|双井街|潘家园路|左家庄北里路|
和平里北街|安外大街|黄寺大街|新街口外大街|西四北大街|平安里西大街|金融街|宣武门外大街|菜市口大街|
牛街|广安门内大街|白纸坊东街|右安门内大街|永定门外大街|木樨园南路|大红门路|科丰路|槐房路|长辛店大街|
苹果园路|鲁谷路|八角西街|玉泉路|田村路|五棵松路|翠微路|公主坟南路|车公庄西路|展览馆路|三里河路|
"""
)
ZH_COMPOUNDS = items(
    """
望京西园三区|团结湖北里|劲松八区|芳城园一区|天通苑东三区|回龙观龙泽苑|翠微北里|甘家口小区|百万庄北里|
和平里七区|安贞里|六里桥北里|育新花园|北苑家园|富力城|远洋山水|金隅万科城|首开国风北京|双井富力城|
华贸城|青年汇|管庄西里|石佛营东里|八里庄北里|红庙北里|呼家楼西里|光华里|水碓子东里|农光里|
方庄芳古园|蒲黄榆二里|光明楼|东花市北里|幸福家园|安苑北里|惠新西街小区|樱花园|皂君庙小区|
"""
)
ZH_HUTONGS = items(
    """
史家胡同|东四六条|菊儿胡同|雨儿胡同|帽儿胡同|烟袋斜街|大栅栏西街|杨梅竹斜街|砖塔胡同|西四北三条|
前海西街|后海北沿|钱粮胡同|灯市口西街|炒豆胡同|板厂胡同|东棉花胡同|北锣鼓巷|方家胡同|国子监街|
五道营胡同|箭厂胡同|府学胡同|东四十条|南池子大街|北池子大街|百花深处胡同|护国寺街|棉花胡同|铁树斜街|
"""
)
ZH_DISTRICTS = words("东城区 西城区 朝阳区 海淀区 丰台区 石景山区 通州区 昌平区 大兴区 顺义区 房山区 门头沟区")


def cn_num(rng, lo, hi):
    return str(rng.randint(lo, hi))


def address_zh(rng):
    pre = ""
    if chance(rng, 0.5):
        pre = ("北京市" if chance(rng, 0.5) else "") + pick(rng, ZH_DISTRICTS)
    r = rng.random()
    toks = [(pre, False)]
    if r < 0.35:
        toks += [(pick(rng, ZH_ROADS), True), (cn_num(rng, 1, 299) + "号", True)]
        if chance(rng, 0.5):
            toks += [
                (pick(rng, ["院", ""]), False),
                (cn_num(rng, 1, 30) + pick(rng, ["号楼", "栋", "幢"]), True),
            ]
            if chance(rng, 0.6):
                toks += [(cn_num(rng, 1, 8) + "单元", True)]
            toks += [
                (
                    cn_num(rng, 1, 28)
                    + "%02d" % rng.randint(1, 6)
                    + pick(rng, ["室", "室", "号", ""]),
                    True,
                )
            ]
    elif r < 0.75:
        toks += [
            (pick(rng, ZH_COMPOUNDS), True),
            (cn_num(rng, 1, 40) + pick(rng, ["号楼", "栋", "号楼", "楼"]), True),
        ]
        if chance(rng, 0.7):
            toks += [(cn_num(rng, 1, 8) + pick(rng, ["单元", "单元", "门"]), True)]
        room = cn_num(rng, 1, 24) + "%02d" % rng.randint(1, 6)
        toks += [(room + pick(rng, ["室", "", "号"]), True)]
    else:
        toks += [(pick(rng, ZH_HUTONGS), True), (cn_num(rng, 1, 120) + "号", True)]
        if chance(rng, 0.3):
            toks += [(pick(rng, ["院", "大杂院", "", "西厢房"]), False)]
    text = "".join(t for t, _ in toks)
    return ident(text, *[t for t, sec in toks if sec])


ADDRESS_MAKERS = {"da": address_da, "en": address_en, "es": address_es, "zh": address_zh}

ADDRESS_FRAMES = {
    "da": items(
        """
Jeg bor på §
Adresse: §
Min adresse er § – der er ikke navn på døren.
Hullet i vejen er lige ud for §.
Send brevet til §
Vi er flyttet til §
Leveringsadresse: §
Rotterne kommer fra kælderen i §.
Ny adresse: §
Afhentning af storskrald: §, ved porten
Mit barn bor hos sin far på §.
§ (bagindgangen)
Bopæl: §
bor på § sammen med min kæreste
Det drejer sig om lejligheden på §.
Nyt adrese: §
Støjen kommer fra festlokalet på §!
adr. §
Jeg er flyttet fra § til en plejebolig.
Kan hjemmeplejen komme til § i stedet?
"""
    ),
    "en": items(
        """
I live at §
Address: §
My address is § – there is no name on the door.
The pothole is right outside §.
Please send the letter to §
We have moved to §
Delivery address: §
The rats are coming from the basement at §.
New address: §
Bulky waste collection from §, by the gate
My son lives with his dad at §.
§ (side entrance)
Home address: §
living at § with my partner
It's about the flat at §.
new adress: §
The noise comes from the party room at §!
addr: §
I have moved from § into sheltered housing.
Could the carers come to § instead?
"""
    ),
    "es": items(
        """
Vivo en §
Dirección: §
Mi dirección es § (el timbre no anda, golpear).
El bache está justo frente a §.
Envíen la carta a §
Nos mudamos a §
Domicilio: §
Las ratas salen del sótano de §.
Nueva dirección: §
Retiro de residuos voluminosos en §, en la puerta
Mi hijo vive con su papá en §.
§ (entrada por el costado)
domicilio real: §
vivo en § con mi pareja
Es por el departamento de §.
nueva direccion: §
¡El ruido viene del salón de fiestas de §!
dom. §
Me mudé de § a un geriátrico.
¿Puede venir la cuidadora a § en vez?
"""
    ),
    "zh": items(
        """
我住在§，楼下的餐馆油烟太大。
地址：§
家庭住址：§
请把材料寄到§。
我们搬到了§
收货地址：§
§的地下室有老鼠。
新地址：§
大件垃圾放在§楼下，请来清运。
孩子跟他爸爸住在§。
通讯地址§，邮编100020
现住址：§
住址：§（后门进）
我家在§，噪音太大了！
问题出在§那套房子。
老人从§搬到养老院了。
能不能让护工到§来？
"""
    ),
}


# ---------------------------------------------------------------------------------------------
# Vehicle plates.

DK_PLATE_LETTERS = "ABCDEFGHJKLMNPRSTUVXYZ"
UK_LETTERS = "ABCDEFGHJKLMNOPRSTUVWXY"
ES_PLATE_LETTERS = "BCDFGHJKLMNPRSTVWXYZ"
CN_PROVINCES = "京京京京京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新"
CN_ALNUM = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"


def letters(rng, alphabet, n):
    return "".join(pick(rng, alphabet) for _ in range(n))


def plate_parts(groups, seps):
    toks = []
    for i, g in enumerate(groups):
        if i:
            toks.append((seps[i - 1], False))
        toks.append((g, True))
    return toks


def plate_dk(rng):
    g = [letters(rng, DK_PLATE_LETTERS, 2), str(rng.randint(10, 99)), "%03d" % rng.randint(0, 999)]
    style = rng.random()
    if style < 0.55:
        toks = plate_parts(g, [" ", " "])
    elif style < 0.75:
        toks = [("".join(g), True)]
    elif style < 0.87:
        toks = plate_parts([g[0], g[1] + g[2]], [" "])
    elif style < 0.93:
        toks = plate_parts(g, ["-", "-"])
    else:
        toks = plate_parts([g[0].lower(), g[1], g[2]], [" ", " "])
    return toks


def plate_uk(rng):
    age = pick(rng, ["%02d" % rng.randint(2, 24), str(rng.randint(51, 74))])
    g = [letters(rng, UK_LETTERS, 2) + age, letters(rng, "ABCDEFGHJKLMNOPRSTUVWXYZ", 3)]
    style = rng.random()
    if style < 0.65:
        return plate_parts(g, [" "])
    if style < 0.9:
        return [("".join(g), True)]
    return plate_parts([g[0].lower(), g[1].lower()], [" "])


def plate_us(rng):
    style = rng.random()
    if style < 0.5:
        return [
            (
                str(rng.randint(4, 9))
                + letters(rng, "ABCDEFGHJKLMNPRSTUVWXYZ", 3)
                + "%03d" % rng.randint(0, 999),
                True,
            )
        ]
    return plate_parts(
        [letters(rng, "ABCDEFGHJKLMNPRSTUVWXYZ", 3), "%04d" % rng.randint(0, 9999)],
        [pick(rng, ["-", " "])],
    )


def plate_ar(rng):
    if chance(rng, 0.5):
        g = [letters(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", 3), "%03d" % rng.randint(0, 999)]
        style = rng.random()
        if style < 0.6:
            return plate_parts(g, [" "])
        if style < 0.85:
            return [("".join(g), True)]
        return plate_parts(g, ["-"])
    g = [
        letters(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", 2),
        "%03d" % rng.randint(0, 999),
        letters(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", 2),
    ]
    style = rng.random()
    if style < 0.5:
        return plate_parts(g, [" ", " "])
    if style < 0.85:
        return [("".join(g), True)]
    return plate_parts([g[0], g[1] + g[2]], [" "])


def plate_es_spain(rng):
    if chance(rng, 0.8):
        g = ["%04d" % rng.randint(0, 9999), letters(rng, ES_PLATE_LETTERS, 3)]
        style = rng.random()
        if style < 0.55:
            return plate_parts(g, [" "])
        if style < 0.8:
            return [("".join(g), True)]
        return plate_parts(g, ["-"])
    prov = pick(rng, ["M", "B", "V", "SE", "MA", "Z", "BI", "A", "GR"])
    g = [prov, "%04d" % rng.randint(0, 9999), letters(rng, ES_PLATE_LETTERS, pick(rng, [1, 2, 2]))]
    sep = pick(rng, ["-", " "])
    return plate_parts(g, [sep, sep])


def plate_cn(rng):
    head = pick(rng, CN_PROVINCES) + pick(rng, "ABCDEFGHJKLMNPQ" if chance(rng, 0.8) else "ABCE")
    if chance(rng, 0.15):
        tail = pick(rng, "DF") + digits(rng, 5)
    else:
        tail = "".join(pick(rng, "0123456789") for _ in range(5))
        if chance(rng, 0.4):
            i = rng.randrange(5)
            tail = tail[:i] + pick(rng, "ABCDEFGHJKLMNPQRSTUVWXYZ") + tail[i + 1 :]
    sep = weighted(rng, [(5, "·"), (4, ""), (2, " "), (1, "•"), (1, "-")])
    if sep == "":
        return [(head + tail, True)]
    return [(head + sep + tail, True)]


def plate(rng, lang):
    if lang == "da":
        toks = plate_dk(rng)
    elif lang == "en":
        toks = weighted(rng, [(70, plate_uk), (18, plate_us), (12, plate_dk)])(rng)
    elif lang == "es":
        toks = plate_ar(rng) if chance(rng, 0.65) else plate_es_spain(rng)
    else:
        toks = plate_cn(rng)
    text = "".join(t for t, _ in toks)
    # A lone province letter ("B 4097 Z") names no car.
    return ident(text, *[t for t, sec in toks if sec and len(t) > 1])


PLATE_FRAMES = {
    "da": items(
        """
Bilen med nummerpladen § holder altid på cykelstien.
En hvid varevogn (§) har stået på P-pladsen i tre uger.
reg.nr. §
Registreringsnummer: §
Nummerplade §
Bil: §, sort Toyota
§ kører alt for stærkt på vores vej hver morgen.
Min bil har nr. §, kan I tjekke parkeringsafgiften?
Der er en bil med plade § der har smidt affald.
Jeg fik en P-bøde på min bil § selvom jeg har licens.
Nummerpladen var § eller noget i den stil.
Den røde Golf § blokerer indkørslen.
Campingvognen § har holdt her siden sommer.
Reg. nr.: §
nummerpladen: §!!
Kan I fjerne bilen §? Den er afbrændt.
"""
    ),
    "en": items(
        """
The car with the registration § parks on the pavement every day.
A white van (§) has been left in the car park for three weeks.
Reg: §
Registration number: §
number plate §
Vehicle: §, black Ford Focus
§ speeds down our road every morning.
My car is §, can you check the parking charge?
A car with plate § dumped rubbish.
I got a ticket on my car § even though I have a permit.
The plate was § or something like that.
The red Golf § is blocking the driveway.
license plate §
reg no. §
Can you tow §? It has been burnt out.
VRN: §
"""
    ),
    "es": items(
        """
El auto con patente § estaciona en la vereda todos los días.
Una camioneta blanca (§) está abandonada hace tres semanas.
Patente: §
Dominio: §
matrícula §
Vehículo: §, Fiat Palio gris
El § pasa a toda velocidad por la cuadra cada mañana.
Mi auto es el §, ¿pueden revisar la multa?
Un auto patente § tiró basura en la esquina.
Me hicieron una multa al auto § aunque tengo permiso.
La patente era § o algo así.
El Gol rojo § bloquea la entrada del garaje.
coche con matrícula § mal aparcado en el vado
Pat. §
¿Pueden sacar el auto §? Está quemado.
dominio §, Renault 12 abandonado
"""
    ),
    "zh": items(
        """
车牌号§的车天天停在人行道上。
一辆白色面包车（§）在停车场停了三个星期。
车牌：§
车牌号码：§
§这辆车每天早上在小区里开得飞快。
我的车是§，请帮忙查一下罚单。
有辆车§往路边扔垃圾。
车号§，黑色大众
那辆红色的§堵住了车库出口。
车牌好像是§
能不能把§拖走？已经烧坏了。
车牌号：§，违停很久了
"""
    ),
}


# ---------------------------------------------------------------------------------------------
# Dates of birth. Secrets: the day and month as written, and the whole date (a year left behind
# alone is what the gate itself keeps of a date of birth).

DA_MONTHS = words(
    "januar februar marts april maj juni juli august september oktober november december"
)
DA_MONTHS_SHORT = words("jan. feb. mar. apr. maj jun. jul. aug. sep. okt. nov. dec.")
EN_MONTHS = words(
    "January February March April May June July August September October November " "December"
)
EN_MONTHS_SHORT = words("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec")
ES_MONTHS = words(
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre " "diciembre"
)
ES_MONTHS_SHORT = words("ene feb mar abr may jun jul ago sep oct nov dic")


def ordinal_en(d):
    if 10 <= d % 100 <= 20:
        return str(d) + "th"
    return str(d) + {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")


def birth_date(rng, lang):
    y, m, d = random_birth(rng)
    yy = "%02d" % (y % 100)
    if lang == "da":
        forms = [
            (8, "%d. %s" % (d, DA_MONTHS[m - 1]), " %d" % y),
            (3, "%d. %s" % (d, DA_MONTHS_SHORT[m - 1]), " %d" % y),
            (6, "%02d.%02d" % (d, m), ".%d" % y),
            (3, "%d/%d" % (d, m), "-%d" % y),
            (2, "%d/%d" % (d, m), " %d" % y),
            (3, "%02d-%02d" % (d, m), "-%d" % y),
            (3, "%02d/%02d" % (d, m), "/%d" % y),
            (2, "%02d.%02d" % (d, m), ".%s" % yy),
            (1, "%d.%d" % (d, m), ".%d" % y),
            (2, "%d. %s" % (d, DA_MONTHS[m - 1].capitalize()), " %d" % y),
        ]
    elif lang == "en":
        mon, mon3 = EN_MONTHS[m - 1], EN_MONTHS_SHORT[m - 1]
        forms = [
            (6, "%d %s" % (d, mon), " %d" % y),
            (6, "%s %d" % (mon, d), ", %d" % y),
            (2, "%s %s" % (mon, ordinal_en(d)), " %d" % y),
            (2, "%s of %s" % (ordinal_en(d), mon), " %d" % y),
            (4, "%02d/%02d" % (m, d), "/%d" % y),
            (4, "%02d/%02d" % (d, m), "/%d" % y),
            (2, "%d/%d" % (m, d), "/%s" % yy),
            (2, "%d %s" % (d, mon3), " %d" % y),
            (2, "%s. %d" % (mon3, d), ", %d" % y),
            (1, "%02d.%02d" % (d, m), ".%d" % y),
        ]
    elif lang == "es":
        mon, mon3 = ES_MONTHS[m - 1], ES_MONTHS_SHORT[m - 1]
        forms = [
            (8, "%d de %s" % (d, mon), " de %d" % y),
            (2, "%d de %s" % (d, mon), " del %s" % yy),
            (7, "%02d/%02d" % (d, m), "/%d" % y),
            (3, "%d/%d" % (d, m), "/%s" % yy),
            (3, "%02d-%02d" % (d, m), "-%d" % y),
            (2, "%02d.%02d" % (d, m), ".%d" % y),
            (1, "%02d-%s" % (d, mon3), "-%d" % y),
            (1, "%d de %s" % (d, mon.capitalize()), " de %d" % y),
        ]
    else:
        forms = [
            (8, "%d月%d日" % (m, d), None),
            (3, "%02d月%02d日" % (m, d), None),
            (2, "%d月%d号" % (m, d), None),
            (4, "%02d-%02d" % (m, d), "-"),
            (2, "%d.%d" % (m, d), "."),
            (2, "%02d/%02d" % (m, d), "/"),
            (1, "%d月%d日" % (m, d), "yy"),
        ]
    pairs = [(w, (a, b)) for w, a, b in forms]
    dm, tail = weighted(rng, pairs)
    if lang == "zh":
        if tail is None:
            text = "%d年" % y + dm
        elif tail == "yy":
            text = yy + "年" + dm
        else:
            text = "%d" % y + tail + dm
    elif lang in ("da", "es") and chance(rng, 0.03):
        text = "%d-%02d-%02d" % (y, m, d)
        dm = "%02d-%02d" % (m, d)
    else:
        text = dm + tail
    return ident(text, dm, text)


BIRTH_FRAMES = {
    "da": items(
        """
Jeg er født den §.
født §
Fødselsdato: §
Min søn er født den § og skal starte i skole.
f. §
Min mor (født §) har brug for hjemmehjælp.
Født d. §
Jeg blev født § på Rigshospitalet.
Barnet er født §
fødselsdato §, cpr kommer senere
fødselsdag: §
Ansøger: født § i Aarhus
jeg er født § og er nu pensionist
Far: f. §
Vores datter blev født §, så hun er for ung til klubben.
Fødselsdato (dag/måned/år): §
"""
    ),
    "en": items(
        """
I was born on §.
DOB: §
D.O.B. §
Date of birth: §
born §
My son was born on § and starts school next year.
b. §
My mum (born §) needs home care.
date of birth §, NI number to follow
He was born § at the Royal London.
birth date: §
dob §
Applicant: born § in Leeds
i was born § and I'm retired now
Father: b. §
Our daughter was born § so she is too young for the club.
"""
    ),
    "es": items(
        """
Nací el §.
Fecha de nacimiento: §
F. de nac.: §
fecha nac. §
nacido el §
nacida el §
Mi hijo nació el § y empieza primer grado.
Mi mamá (nacida el §) necesita asistencia.
Fecha de nac: §
Nació el § en el Hospital Fernández.
fecha de nacimiento §, DNI a completar
Solicitante: nacida el § en Rosario
yo nací el § y ya estoy jubilado
Padre: nac. §
Nuestra hija nació el § así que no llega a la edad.
F. nacimiento (dd/mm/aaaa): §
"""
    ),
    "zh": items(
        """
我出生于§。
出生日期：§
生日：§
我是§出生的，今年退休。
孩子§出生，明年上小学。
我母亲（§出生）需要居家养老服务。
出生年月日：§
生于§
§出生于北京
出生：§
申请人§生，身体不好。
老人出生日期§，请核对。
宝宝是§出生的。
我爸§生人，今年该办老年卡了。
"""
    ),
}


# ---------------------------------------------------------------------------------------------
# IP addresses.


def ip_address(rng, lang):
    r = rng.random()
    if r < 0.6:
        while True:
            a = rng.randint(2, 223)
            if a not in (10, 127, 172, 192, 100, 169):
                break
        text = "%d.%d.%d.%d" % (a, rng.randint(0, 255), rng.randint(0, 255), rng.randint(1, 254))
    elif r < 0.75:
        text = pick(
            rng,
            [
                "192.168.%d.%d" % (rng.randint(0, 2), rng.randint(2, 254)),
                "10.%d.%d.%d" % (rng.randint(0, 255), rng.randint(0, 255), rng.randint(2, 254)),
                "172.%d.%d.%d" % (rng.randint(16, 31), rng.randint(0, 255), rng.randint(2, 254)),
            ],
        )
    else:
        prefix = {
            "da": ["2a02:aa7", "2a05:f6c7", "2001:878", "2a00:7660"],
            "en": ["2a00:23c5", "2600:1700", "2601:647", "2a02:c7f"],
            "es": ["2800:810", "2803:9800", "2a0c:5a80", "2800:40"],
            "zh": ["240e:3b0", "2408:8207", "2409:8a00", "2001:da8"],
        }[lang]
        head = pick(rng, prefix)
        groups = ["%x" % rng.randint(0, 0xFFFF) for _ in range(6)]
        style = rng.random()
        if style < 0.4:
            text = head + ":" + ":".join(groups)
        elif style < 0.8:
            text = head + ":" + groups[0] + "::" + ":".join(groups[4:])
        else:
            text = head + "::" + groups[5]
        if chance(rng, 0.1):
            text = text.upper()
    port = ""
    if "." in text and chance(rng, 0.08):
        port = ":" + pick(rng, ["8080", "443", "3389", "22"])
    return ident(text + port, text)


IP_FRAMES = {
    "da": items(
        """
Min IP-adresse er §
IP: §
Fejlen kommer fra IP § når jeg logger ind.
Siden blokerer min ip (§).
Routeren har adressen §
Log: login fra § kl. 08.14
ip adresse §
Jeg har fået besked om loginforsøg fra IP-adressen §.
Min computer (§) kan ikke komme på kommunens wifi.
IP-adr.: §
"""
    ),
    "en": items(
        """
My IP address is §
IP: §
The site keeps blocking my IP (§).
Error from § when logging in.
login attempt from § at 08:14
my ip is §
Router: §
Your firewall banned §, please unblock.
My laptop (§) can't join the library wifi.
IP addr: §
"""
    ),
    "es": items(
        """
Mi IP es §
IP: §
La página bloquea mi IP (§).
Error desde § al iniciar sesión.
intento de acceso desde § a las 08:14
mi ip §
dirección IP: §
El firewall bloqueó §, por favor habilitar.
Mi compu (§) no se conecta al wifi de la biblioteca.
IP pública: §
"""
    ),
    "zh": items(
        """
我的IP地址是§
IP：§
网站把我的IP（§）封了。
登录时提示来自§的异常访问。
IP地址§
路由器地址：§
防火墙把§拉黑了，请解封。
我的电脑（§）连不上图书馆的WiFi。
公网IP：§
"""
    ),
}


# ---------------------------------------------------------------------------------------------
# Passport numbers: said to be one by the words before them.


def passport_number(rng, lang):
    r = rng.random()
    if lang == "da":
        num = digits(rng, 9, "12") if r < 0.9 else digits(rng, 9, "3456789")
    elif lang == "en":
        if r < 0.5:
            num = digits(rng, 9, "123456789")
        elif r < 0.8:
            num = pick(rng, "ACEGHJKLMNPRST") + digits(rng, 8)
        else:
            num = digits(rng, 9, "5")
    elif lang == "es":
        if r < 0.5:
            num = "AA" + pick(rng, "ABCDEFGHIJK") + digits(rng, 6)
        elif r < 0.65:
            num = digits(rng, 8) + "N"
        else:
            num = pick(rng, ["PA", "PAA", "XD", "AA", "PAB"]) + letters(
                rng, "ABCDEFGHJKLMNPRSTUVWXYZ", 1
            )
            num = num[:3] + digits(rng, 6)
    else:
        if r < 0.5:
            num = "E" + digits(rng, 8)
        elif r < 0.8:
            num = "E" + pick(rng, "ABCDEFGHJKLMNPQRSTUVWXYZ") + digits(rng, 7)
        else:
            num = pick(rng, "GDP") + digits(rng, 8)
    if chance(rng, 0.06) and (num.isdigit() or (lang == "zh" and num[1:].isdigit())):
        # read off the page in groups: "E 1234 5678", "163 666 066"
        spaced = (
            num[:1] + " " + num[1:5] + " " + num[5:]
            if num[0].isalpha()
            else num[:3] + " " + num[3:6] + " " + num[6:]
        )
        return ident(spaced, *[g for g in spaced.split() if len(g) > 1])
    return ident(num)


PASSPORT_FRAMES = {
    "da": items(
        """
Mit pasnummer er §.
Pas nr. §
pasnr: §
Pasnummer §, udløber næste år.
Jeg har mistet mit pas (nr. §).
Passport no. §
pas-nr.: §
Barnets pas: nr. §
Kopi af pas nr. § er vedhæftet.
mit pas har nummer §
"""
    ),
    "en": items(
        """
Passport number: §
passport no. §
Passport #§
My passport (number §) expires next spring.
I lost my passport, no. §.
pp no §
Passport No: §
Child's passport: no. §
Copy of passport § attached.
my passport number is §
"""
    ),
    "es": items(
        """
Pasaporte N° §
Nro. de pasaporte: §
pasaporte §
Mi pasaporte (número §) vence el año que viene.
Perdí el pasaporte, nro §.
N.º de pasaporte §
Pasaporte del menor: nº §
Adjunto copia del pasaporte §.
mi número de pasaporte es §
Pasaporte: §
"""
    ),
    "zh": items(
        """
护照号：§
护照号码§
我的护照（§）下个月到期。
护照丢了，号码是§。
Passport No. §
护照：§
孩子的护照号§
附护照复印件，号码§。
我的护照号是§
"""
    ),
}


# ---------------------------------------------------------------------------------------------
# National identity numbers.


def natid_cpr(rng):
    dm, serial, _ = cpr(rng)
    style = rng.random()
    if style < 0.62:
        text = dm + "-" + serial
    elif style < 0.87:
        text = dm + serial
    elif style < 0.95:
        text = dm + " " + serial
    else:
        text = dm + " - " + serial
    return ident(text, *digit_groups(text))


def natid_cn(rng):
    n = cn_id(rng)
    if n.endswith("X") and chance(rng, 0.3):
        n = n[:-1] + "x"
    if chance(rng, 0.1):
        text = n[:6] + " " + n[6:14] + " " + n[14:]
        return ident(text, n[:6], n[6:14], n[14:])
    return ident(n)


def natid_cuit(rng):
    p, dni, c = cuit(rng)
    style = rng.random()
    if style < 0.6:
        text = p + "-" + dni + "-" + c
    elif style < 0.85:
        text = p + dni + c
    elif style < 0.93:
        text = p + " " + dni + " " + c
    else:
        text = p + "-" + dni[:2] + "." + dni[2:5] + "." + dni[5:] + "-" + c
    return ident(text, *[g for g in digit_groups(text) if len(g) > 1])


def natid_dni_ar(rng):
    n = rng.randint(3000000, 48000000)
    s = str(n)
    if chance(rng, 0.55):
        if len(s) == 8:
            text = s[:2] + "." + s[2:5] + "." + s[5:]
        else:
            text = s[:1] + "." + s[1:4] + "." + s[4:]
    else:
        text = s
    return ident(text, *[g for g in digit_groups(text) if len(g) > 1])


def natid_dni_es(rng):
    num, letter = es_dni(rng)
    style = rng.random()
    if style < 0.6:
        text = num + letter
    elif style < 0.8:
        text = num + "-" + letter
    elif style < 0.9:
        text = num + " " + letter
    else:
        text = num[:2] + "." + num[2:5] + "." + num[5:] + "-" + letter
    if chance(rng, 0.05):
        text = text.lower()
    return ident(text, *[g for g in digit_groups(text) if len(g) > 1])


def natid_nie_es(rng):
    lead, num, letter = es_nie(rng)
    style = rng.random()
    if style < 0.6:
        text = lead + num + letter
    elif style < 0.85:
        text = lead + "-" + num + "-" + letter
    else:
        text = lead + " " + num + " " + letter
    return ident(text, *[g for g in digit_groups(text) if len(g) > 1])


NATID_FRAMES = {
    "cpr_da": items(
        """
CPR: §
cpr-nr. §
Mit CPR-nummer er §
CPR nr §
personnummer §
§
Barnets cpr: §
cpr §, sagsnummer kommer
Jeg har ikke MitID, mit cpr er §
Pårørende: min mor, cpr §
(cpr §)
Kan I slå mig op på §?
CPR-nr.: §
cprnr §
Ansøgers CPR: § – haster!
"""
    ),
    "cpr_en": items(
        """
My CPR number is §
CPR: §
cpr no. §
Danish personal ID (CPR) §
My son's CPR is §, he is registered at the same address.
(CPR §)
I don't have MitID yet, my CPR is §
"""
    ),
    "nie_en": items(
        """
My NIE is §
NIE: §
DNI/NIE §
my wife's NIE number is §
ID (NIE) §
"""
    ),
    "cn_en": items(
        """
Chinese ID card no. §
ID number: §
my resident ID is §
ID card: §
"""
    ),
    "ar_en": items(
        """
CUIL §
my CUIT is §
DNI §
CUIT: §
"""
    ),
    "cuit_es": items(
        """
CUIT: §
CUIL §
cuit/cuil §
Mi CUIL es §
C.U.I.T. N° §
§
CUIT del titular: §
cuil: § (monotributista)
Número de CUIL §
"""
    ),
    "dni_ar": items(
        """
DNI §
DNI: §
D.N.I. N° §
documento §
mi dni es §
Doc. §
nro de documento §
DNI Nº §
Documento: §
dni: § (vencido)
Titular DNI §
"""
    ),
    "dni_es": items(
        """
DNI: §
NIF §
mi DNI es §
con DNI §
D.N.I. §
documento nacional de identidad §
Nº de identificación: §
§
NIF/NIE: §
DNI/NIF: §
"""
    ),
    "nie_es": items(
        """
NIE: §
NIE nº §
mi NIE es §
NIF/NIE: §
tarjeta de residencia, NIE §
Nº de identificación: §
§
"""
    ),
    "zh": items(
        """
身份证号：§
身份证号码§
我的身份证是§
公民身份号码：§
身份证§，麻烦核实一下。
证件号码：§
（身份证号§）
§
老人的身份证号是§，需要办理养老卡。
身份证：§
孩子的身份证号码是§。
"""
    ),
}


def national_id(rng, lang):
    """(frame, identifier)"""
    if lang == "da":
        return pick(rng, NATID_FRAMES["cpr_da"]), natid_cpr(rng)
    if lang == "en":
        kind = weighted(rng, [(40, "cpr"), (25, "nie"), (15, "cn"), (20, "ar")])
        if kind == "cpr":
            return pick(rng, NATID_FRAMES["cpr_en"]), natid_cpr(rng)
        if kind == "nie":
            lead, num, letter = es_nie(rng)
            return pick(rng, NATID_FRAMES["nie_en"]), ident(lead + num + letter, num)
        if kind == "cn":
            return pick(rng, NATID_FRAMES["cn_en"]), natid_cn(rng)
        f = pick(rng, NATID_FRAMES["ar_en"])
        return f, natid_dni_ar(rng) if f.startswith("DNI") else natid_cuit(rng)
    if lang == "es":
        kind = weighted(rng, [(30, "cuit"), (35, "dni_ar"), (23, "dni_es"), (12, "nie_es")])
        maker = {
            "cuit": natid_cuit,
            "dni_ar": natid_dni_ar,
            "dni_es": natid_dni_es,
            "nie_es": natid_nie_es,
        }[kind]
        frame = pick(rng, NATID_FRAMES["cuit_es" if kind == "cuit" else kind])
        return frame, maker(rng)
    return pick(rng, NATID_FRAMES["zh"]), natid_cn(rng)


# ---------------------------------------------------------------------------------------------
# IBANs.

IBAN_COUNTRIES = {
    "da": [(70, "DK"), (10, "DE"), (8, "SE"), (6, "NO"), (6, "GB")],
    "en": [(55, "GB"), (12, "IE"), (10, "DE"), (8, "NL"), (8, "DK"), (7, "FR")],
    "es": [(65, "ES"), (10, "PT"), (10, "IT"), (8, "FR"), (7, "DE")],
    "zh": [(25, "DE"), (20, "FR"), (15, "GB"), (15, "DK"), (10, "NL"), (10, "IT"), (5, "CH")],
}


def iban_written(rng, lang):
    cc = weighted(rng, IBAN_COUNTRIES[lang])
    code = iban(rng, cc)
    assert iban_ok(code), code
    style = rng.random()
    if cc == "ES" and style < 0.15:
        # the bank, office, control digits and account as Spaniards still group them
        groups = [code[:4], code[4:8], code[8:12], code[12:14], code[14:]]
        text = " ".join(groups)
    elif style < 0.58:
        groups = [code[i : i + 4] for i in range(0, len(code), 4)]
        text = " ".join(groups)
    elif style < 0.88:
        groups = [code]
        text = code
    elif style < 0.98:
        groups = [code[:4], code[4:]]
        text = " ".join(groups)
    else:
        groups = [code[i : i + 4].lower() for i in range(0, len(code), 4)]
        text = " ".join(groups)
    return ident(text, *[g for g in groups if len(g) > 1])


IBAN_FRAMES = {
    "da": items(
        """
Mit kontonummer (IBAN) er §
IBAN: §
Pengene kan overføres til §.
Refusion til IBAN §, tak.
Konto: §
Udbetaling til §
IBAN-nr. §
Depositum bedes tilbagebetalt til § senest fredag.
kontonr. (IBAN) §
Jeg bor i Malmö, så min konto er §
"""
    ),
    "en": items(
        """
Please refund to IBAN §
IBAN: §
My bank details: §
Account (IBAN) §
Pay into § please.
IBAN no. §
Deposit to be returned to § by Friday.
bank acct §
Account holder is me, IBAN §
I bank in Dublin, so my IBAN is §
"""
    ),
    "es": items(
        """
IBAN: §
Mi cuenta es §
Hagan la devolución a la cuenta §
Nº de cuenta (IBAN) §
Transferir a §, titular yo mismo.
cuenta IBAN §
Devolver la fianza a § antes del viernes.
IBAN §
Cuenta bancaria: §
Vivo en Lisboa, así que mi IBAN es §
"""
    ),
    "zh": items(
        """
IBAN：§
我的欧洲银行账户IBAN是§
退款请汇到§
账户（IBAN）：§
收款账号IBAN §
押金请退到§，谢谢。
银行账号：§
我在德国留学，账户是§
"""
    ),
}


# ---------------------------------------------------------------------------------------------
# Several kinds of identifier in one text: signatures, forms, complaints about a neighbour.

MIXED_FRAMES = {
    "da": [
        ("Mvh § / § / tlf. §", "name address phone"),
        ("§, §, cpr §", "name address natid"),
        ("Navn: § Tlf: § Mail: §", "name phone email"),
        ("Jeg hedder § og bor på §. Ring på §.", "name address phone"),
        ("§ (født §) bor på §", "name dob address"),
        ("Kontakt § på § eller §", "name phone email"),
        ("Reg.nr. § tilhører § på §.", "plate name address"),
        ("Refusion til § (kontohaver: §).", "iban name"),
        ("Login fra § på kontoen §", "ip email"),
        ("§ – pasnr. § – tlf. §", "name passport phone"),
        ("Min datter § (cpr §) går på skolen.", "name natid"),
        ("Afsender: §, §, §", "name address email"),
        ("Ansøger: §, født §, tlf §", "name dob phone"),
        ("Hej, det er §. Min nye mail er § og mit nummer er stadig §.", "name email phone"),
        ("Bilen § holder foran § hver nat, ejeren hedder vist §.", "plate address name"),
    ],
    "en": [
        ("Regards § / § / tel. §", "name address phone"),
        ("§, §, passport §", "name address passport"),
        ("Name: § Tel: § Email: §", "name phone email"),
        ("My name is § and I live at §. Call me on §.", "name address phone"),
        ("§ (DOB §) lives at §", "name dob address"),
        ("Contact § on § or §", "name phone email"),
        ("Reg § belongs to § at §.", "plate name address"),
        ("Refund to § (account holder: §).", "iban name"),
        ("Login from § on the account §", "ip email"),
        ("§ – passport no. § – mobile §", "name passport phone"),
        ("My daughter § (CPR §) goes to the school.", "name natid"),
        ("From: §, §, §", "name address email"),
        ("Applicant: §, born §, tel §", "name dob phone"),
        ("Hi, it's §. My new email is § and my number is still §.", "name email phone"),
        ("The car § parks outside § every night, the owner is called §.", "plate address name"),
    ],
    "es": [
        ("Saludos § / § / tel. §", "name address phone"),
        ("§, §, DNI §", "name address dni"),
        ("Nombre: § Tel: § Mail: §", "name phone email"),
        ("Me llamo § y vivo en §. Llamame al §.", "name address phone"),
        ("§ (nacida el §) vive en §", "name dob address"),
        ("Contactar a § al § o a §", "name phone email"),
        ("La patente § es de § de §.", "plate name address"),
        ("Devolución a § (titular: §).", "iban name"),
        ("Acceso desde § a la cuenta §", "ip email"),
        ("§ – pasaporte § – cel §", "name passport phone"),
        ("Mi hija § (CUIL §) va a la escuela.", "name natid"),
        ("Remitente: §, §, §", "name address email"),
        ("Solicitante: §, nacido el §, tel §", "name dob phone"),
        ("Hola, soy §. Mi mail nuevo es § y mi número sigue siendo §.", "name email phone"),
        (
            "El auto § estaciona frente a § todas las noches, el dueño se llama §.",
            "plate address name",
        ),
    ],
    "zh": [
        ("我是§，电话§，住在§。", "name phone address"),
        ("联系人：§ 手机：§ 邮箱：§", "name phone email"),
        ("§（身份证号§）住在§", "name natid address"),
        ("车牌§的车主是§，电话§。", "plate name phone"),
        ("退款请汇到§，户名§。", "iban name"),
        ("来自§的登录，账号§", "ip email"),
        ("§，出生日期§，护照号§", "name dob passport"),
        ("姓名：§ 身份证：§ 电话：§", "name natid phone"),
        ("业主§，住址§，联系电话§", "name address phone"),
        ("你好，我是§，新邮箱是§，手机号还是§。", "name email phone"),
        ("§这辆车每天晚上停在§门口，车主好像叫§。", "plate address name"),
        ("申请人：§，§出生，电话§", "name dob phone"),
    ],
}


def natid_plain(rng, lang):
    """A national number whose kind the frame has already named."""
    if lang == "da":
        return natid_cpr(rng)
    if lang == "en":
        return natid_cpr(rng)
    if lang == "es":
        return natid_cuit(rng)
    return natid_cn(rng)


def identifier(rng, lang, kind):
    if kind == "name":
        return person(rng, lang)
    if kind == "phone":
        return phone(rng, lang)
    if kind == "email":
        return email(rng, lang)
    if kind == "address":
        return ADDRESS_MAKERS[lang](rng)
    if kind == "plate":
        return plate(rng, lang)
    if kind == "dob":
        return birth_date(rng, lang)
    if kind == "ip":
        return ip_address(rng, lang)
    if kind == "passport":
        return passport_number(rng, lang)
    if kind == "natid":
        return natid_plain(rng, lang)
    if kind == "dni":
        return natid_dni_ar(rng)
    if kind == "iban":
        return iban_written(rng, lang)
    raise AssertionError(kind)


SIMPLE_PII = {
    "name": (NAME_FRAMES, "name"),
    "email": (EMAIL_FRAMES, "email"),
    "phone": (PHONE_FRAMES, "phone"),
    "address": (ADDRESS_FRAMES, "address"),
    "plate": (PLATE_FRAMES, "plate"),
    "birth_date": (BIRTH_FRAMES, "dob"),
    "ip": (IP_FRAMES, "ip"),
    "passport": (PASSPORT_FRAMES, "passport"),
    "iban": (IBAN_FRAMES, "iban"),
}


def pii_item(rng, lang, category):
    """(text, secrets) of one item of `category`; raises Retry when the draw is not clean."""
    if category == "name":
        frame = pick(rng, NAME_FRAMES[lang])
        listed = frame.endswith(SLOT) or ": " + SLOT in frame
        ids = [person(rng, lang, listed) for _ in range(frame.count(SLOT))]
    elif category in SIMPLE_PII:
        frames, kind = SIMPLE_PII[category]
        frame = pick(rng, frames[lang])
        ids = [identifier(rng, lang, kind) for _ in range(frame.count(SLOT))]
    elif category == "national_id":
        frame, one = national_id(rng, lang)
        ids = [one]
    elif category == "mixed":
        frame, kinds = pick(rng, MIXED_FRAMES[lang])
        ids = [identifier(rng, lang, k) for k in kinds.split()]
    else:
        raise AssertionError(category)
    frame = dress(rng, lang, frame)
    return compose(rng, lang, frame, ids, lower_ok=category != "iban")


# =============================================================================================
# Look-alikes: text that holds no identifier and must come out unchanged.

import re  # noqa: E402  (only the look-alike frames need it)

FILL_KEY = re.compile(r"\{([A-Za-z_0-9]+)\}")


def fill(rng, frame, fillers):
    return FILL_KEY.sub(lambda m: fillers[m.group(1)](rng), frame)


def year_any(rng):
    return str(rng.randint(1850, 2035))


def year_recent(rng):
    return str(rng.randint(2005, 2026))


def small_n(rng):
    return str(
        weighted(
            rng, [(5, rng.randint(2, 30)), (3, rng.randint(31, 400)), (1, rng.randint(401, 999))]
        )
    )


def thousands(n, sep):
    s = str(n)
    out = ""
    while len(s) > 3:
        out = sep + s[-3:] + out
        s = s[:-3]
    return s + out


def amount_da(rng):
    n = weighted(
        rng,
        [
            (4, rng.randint(50, 999)),
            (5, rng.randint(1000, 99999)),
            (2, rng.randint(100000, 9999999)),
        ],
    )
    return pick(
        rng,
        [
            thousands(n, ".") + " kr.",
            "kr. " + thousands(n, ".") + ",00",
            "DKK " + thousands(n, "."),
            thousands(n, ".") + ",- kr",
            thousands(n, ".") + " kroner",
            "%d,%d mio. kr." % (rng.randint(1, 950), rng.randint(1, 9)),
            "%d kr/md" % rng.randint(100, 9999),
            thousands(n, ".") + " kr",
            "€ %d" % rng.randint(5, 5000),
            thousands(n, ".") + ",-",
            "%d mia. kr." % rng.randint(1, 40),
            "%d.%03d kr. om året" % (rng.randint(1, 99), rng.randint(0, 999)),
        ],
    )


def amount_en(rng):
    n = weighted(
        rng,
        [
            (4, rng.randint(50, 999)),
            (5, rng.randint(1000, 99999)),
            (2, rng.randint(100000, 9999999)),
        ],
    )
    return pick(
        rng,
        [
            "£" + thousands(n, ","),
            "£" + thousands(n, ",") + ".00",
            "$" + thousands(n, ","),
            "$ " + thousands(n, ","),
            "£%d.%dm" % (rng.randint(1, 900), rng.randint(1, 9)),
            "€%d" % rng.randint(5, 5000),
            "USD " + thousands(n, ","),
            thousands(n, ",") + " pounds",
            "£%d pcm" % rng.randint(400, 3500),
            "$%d.%02d" % (rng.randint(1, 999), rng.randint(0, 99)),
            "%d quid" % rng.randint(5, 900),
            "$%d billion" % rng.randint(1, 90),
        ],
    )


def amount_es(rng):
    n = weighted(
        rng,
        [
            (4, rng.randint(50, 999)),
            (5, rng.randint(1000, 99999)),
            (2, rng.randint(100000, 9999999)),
        ],
    )
    return pick(
        rng,
        [
            "$ " + thousands(n, "."),
            "$" + thousands(n, ".") + ",00",
            "ARS " + thousands(n, "."),
            "US$ " + thousands(n, "."),
            "u$s %d" % rng.randint(50, 9000),
            "€ " + thousands(n, "."),
            thousands(n, ".") + " €",
            "$" + thousands(n, "."),
            "%d lucas" % rng.randint(5, 900),
            "%d,%d millones de pesos" % (rng.randint(1, 900), rng.randint(1, 9)),
            thousands(n, ".") + " pesos",
            "%d euros" % rng.randint(5, 9000),
        ],
    )


ZH_DIGITS = "零一二三四五六七八九"


def zh_small(n):
    if n < 10:
        return ZH_DIGITS[n]
    if n < 20:
        return "十" + (ZH_DIGITS[n % 10] if n % 10 else "")
    return ZH_DIGITS[n // 10] + "十" + (ZH_DIGITS[n % 10] if n % 10 else "")


def amount_zh(rng):
    n = weighted(
        rng,
        [
            (4, rng.randint(50, 999)),
            (5, rng.randint(1000, 99999)),
            (2, rng.randint(100000, 9999999)),
        ],
    )
    return pick(
        rng,
        [
            "%d元" % n,
            "¥" + thousands(n, ","),
            "人民币%d万元" % rng.randint(1, 999),
            "%d.%d亿元" % (rng.randint(1, 99), rng.randint(1, 9)),
            thousands(n, ",") + "元/月",
            "RMB " + thousands(n, ","),
            ZH_DIGITS[rng.randint(2, 9)] + "千元",
            "%s.%02d元" % (thousands(n, ","), rng.randint(0, 99)),
            "￥%d" % rng.randint(5, 999),
            "%d块钱" % rng.randint(5, 9999),
            "%d万" % rng.randint(1, 500),
        ],
    )


def pct_da(rng):
    return pick(
        rng,
        [
            "%d %%" % rng.randint(1, 99),
            "%d%%" % rng.randint(1, 99),
            "%d,%d %%" % (rng.randint(0, 99), rng.randint(1, 9)),
            "%d procent" % rng.randint(1, 99),
            "%d pct." % rng.randint(1, 99),
            "%d,%d procentpoint" % (rng.randint(0, 9), rng.randint(1, 9)),
        ],
    )


def pct_en(rng):
    return pick(
        rng,
        [
            "%d%%" % rng.randint(1, 99),
            "%d.%d%%" % (rng.randint(0, 99), rng.randint(1, 9)),
            "%d per cent" % rng.randint(1, 99),
            "%d percent" % rng.randint(1, 99),
            "%d.%d percentage points" % (rng.randint(0, 9), rng.randint(1, 9)),
            "%d %%" % rng.randint(1, 99),
        ],
    )


def pct_es(rng):
    return pick(
        rng,
        [
            "%d %%" % rng.randint(1, 99),
            "%d%%" % rng.randint(1, 99),
            "%d,%d%%" % (rng.randint(0, 99), rng.randint(1, 9)),
            "%d por ciento" % rng.randint(1, 99),
            "%d,%d puntos porcentuales" % (rng.randint(0, 9), rng.randint(1, 9)),
        ],
    )


def pct_zh(rng):
    return pick(
        rng,
        [
            "%d%%" % rng.randint(1, 99),
            "%d.%d%%" % (rng.randint(0, 99), rng.randint(1, 9)),
            "百分之" + zh_small(rng.randint(1, 99)),
            "%d％" % rng.randint(1, 99),
            zh_small(rng.randint(1, 9)) + "成",
            "%d.%d个百分点" % (rng.randint(0, 9), rng.randint(1, 9)),
        ],
    )


def event_date(rng, lang):
    y = rng.randint(2012, 2026)
    m = rng.randint(1, 12)
    d = rng.randint(1, days_in_month(y, m))
    if lang == "da":
        return pick(
            rng,
            [
                "%d. %s %d" % (d, DA_MONTHS[m - 1], y),
                "%02d.%02d.%d" % (d, m, y),
                "%d/%d" % (d, m),
                "%d. %s" % (d, DA_MONTHS[m - 1]),
                "%d/%d-%d" % (d, m, y),
                "%d-%02d-%02d" % (y, m, d),
                "d. %d/%d" % (d, m),
            ],
        )
    if lang == "en":
        return pick(
            rng,
            [
                "%d %s %d" % (d, EN_MONTHS[m - 1], y),
                "%s %d, %d" % (EN_MONTHS[m - 1], d, y),
                "%02d/%02d/%d" % (d, m, y),
                "%s %s" % (EN_MONTHS[m - 1], ordinal_en(d)),
                "%d-%02d-%02d" % (y, m, d),
                "%d %s" % (d, EN_MONTHS_SHORT[m - 1]),
                "the %s of %s" % (ordinal_en(d), EN_MONTHS[m - 1]),
            ],
        )
    if lang == "es":
        return pick(
            rng,
            [
                "%d de %s de %d" % (d, ES_MONTHS[m - 1], y),
                "%02d/%02d/%d" % (d, m, y),
                "%d/%d" % (d, m),
                "%d de %s" % (d, ES_MONTHS[m - 1]),
                "%d-%02d-%02d" % (y, m, d),
                "%02d-%02d-%d" % (d, m, y),
            ],
        )
    return pick(
        rng,
        [
            "%d年%d月%d日" % (y, m, d),
            "%d月%d日" % (m, d),
            "%d-%02d-%02d" % (y, m, d),
            "%d月%d号" % (m, d),
            "%d.%d.%d" % (y, m, d),
            "%d/%d/%d" % (y, m, d),
        ],
    )


WEEKDAYS = {
    "da": words("mandag tirsdag onsdag torsdag fredag lørdag søndag"),
    "en": words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday"),
    "es": words("lunes martes miércoles jueves viernes sábado domingo"),
    "zh": words("星期一 星期二 星期三 星期四 星期五 星期六 星期天 周一 周二 周三 周四 周五 周六 周日 礼拜天 礼拜六"),
}
MONTHS = {
    "da": DA_MONTHS,
    "en": EN_MONTHS,
    "es": ES_MONTHS,
    "zh": words("一月 二月 三月 四月 五月 六月 七月 八月 九月 十月 十一月 十二月 正月 腊月"),
}


def cap_first(s):
    return s[:1].upper() + s[1:]


DA_PLACES = items(
    """
Frederiksberg|Christianshavn|Frederikssund|Frederikshavn|Christiansfeld|Kongens Lyngby|Valby|
Vanløse|
Brønshøj|Nørrebro|Vesterbro|Østerbro|Amager|Ørestad|Sydhavnen|Nordhavn|Islands Brygge|Holmen|
Hellerup|
Charlottenlund|Klampenborg|Dragør|Tårnby|Hvidovre|Rødovre|Glostrup|Albertslund|Ballerup|Herlev|
Gladsaxe|Gentofte|Roskilde|Køge|Helsingør|Hillerød|Aarhus|Odense|Aalborg|Esbjerg|Vejle|Horsens|
Randers|Kolding|Silkeborg|Næstved|Fredericia|Viborg|Holstebro|Svendborg|Nyborg|Skagen|Bornholm|
Malmö|Lund|Hamburg|Kastrup|Carlsberg Byen|Kongens Nytorv|Amalienborg|Christiansborg|Rosenborg|
Frederiksberg Have|Søndermarken|Kongens Have|Fælledparken|Assistens Kirkegård|Superkilen|
Ørstedsparken|Sankt Jørgens Sø|Peblinge Sø|Utterslev Mose|Amager Fælled|Kalvebod Fælled|Mariendal|
Sofienbergparken|Enghaveparken|Valbyparken|Bispebjerg|Tingbjerg|Husum|Sundby|Bellahøj|Emdrup|
Nordvest|Mjølnerparken|Kronprinsessegade|Israels Plads|Halmtorvet|Den Røde Plads|Nyhavn|Papirøen|
Refshaleøen|Sluseholmen|Kalvebod Brygge|Teglholmen|Ørestad Syd|Prøvestenen|Kløvermarken
"""
)
EN_PLACES = items(
    """
Washington|Jackson|Houston|Lincoln|Victoria|King's Cross|St John's Wood|Austin|Charlotte|Denver|
Raleigh|Baltimore|Columbus|Madison|Jefferson City|Cleveland|Dallas|Pittsburgh|Seattle|Everett|
Elizabeth|Alexandria|Georgetown|Williamsburg|Harlem|Hackney|Islington|Camden|Brixton|Peckham|
Walthamstow|Stratford|Kentish Town|Kennington|Victoria Park|Hyde Park|Regent's Park|
Queen Elizabeth Olympic Park|Clapham Common|Wimbledon|Richmond|Kingston|Charing Cross|
Mornington Crescent|Shepherd's Bush|Maida Vale|Leeds|Sheffield|Manchester|Liverpool|Glasgow|
Edinburgh|Cardiff|Belfast|Bristol|Bath|Oxford|Cambridge|Durham|York|Hastings|Brighton|
Prince George's County|Marylebone|St Pancras|St Albans|King's Lynn|Wellington|Nelson|Mount Vernon|
Tottenham|Edmonton|Enfield|Barnet|Croydon|Lewisham|Greenwich|Woolwich|Deptford|Bermondsey|
Southwark|Lambeth|Vauxhall|Battersea|Chelsea|Fulham|Hammersmith|Ealing|Acton|Chiswick|Kew|
Salford|Moss Side|Didsbury|Chorlton|Headingley|Chapeltown|Easton|Bedminster|Leith|Govan|Partick
"""
)
ES_PLACES = items(
    """
San Martín|Villa Carlos Paz|José C. Paz|General Rodríguez|Presidente Perón|Ciudad Evita|
Bernardo de Irigoyen|San Isidro|Vicente López|Esteban Echeverría|Florencio Varela|Hurlingham|
Marcos Paz|Tres de Febrero|Almirante Brown|Lomas de Zamora|Ituzaingó|Merlo|Tigre|Pilar|Escobar|
Berazategui|Quilmes|Avellaneda|Lanús|La Matanza|Ezeiza|San Fernando|Olivos|Boulogne|Caseros|Palermo|
Recoleta|Belgrano|Caballito|Flores|Floresta|Almagro|Boedo|Villa Crespo|Villa Urquiza|Villa Devoto|
Villa Pueyrredón|Villa Lugano|Parque Patricios|Constitución|Retiro|San Telmo|La Boca|Barracas|
Puerto Madero|Núñez|Saavedra|Coghlan|Colegiales|Chacarita|La Paternal|Mataderos|Liniers|
Villa Soldati|Nueva Pompeya|Santiago del Estero|Resistencia|Comodoro Rivadavia|Puerto Madryn|
Río Gallegos|Ushuaia|Bariloche|Mar del Plata|Bahía Blanca|Rosario|Córdoba|Mendoza|Salta|Jujuy|
Tucumán|Santa Fe|Paraná|Posadas|Corrientes|Neuquén|Santiago de Compostela|Ciudad Real|Don Benito|
San Sebastián|Alcalá de Henares|Torrejón de Ardoz|Getafe|Leganés|Móstoles|Alcorcón|Fuenlabrada|
Vallecas|Carabanchel|Lavapiés|Malasaña|Chamberí|Gràcia|Sants|Sant Martí|Badalona|L'Hospitalet|
Sevilla|Málaga|Valencia|Bilbao|Zaragoza|Plaza Dorrego|Plaza de Mayo|Parque Centenario|
Parque Rivadavia|Plaza Irlanda|Parque Chacabuco|Plaza Miserere|Parque Lezama|Plaza Serrano|
Parque Avellaneda|Barrio Rivadavia|Ciudad Oculta|Villa Martelli|Villa Ballester|Ramos Mejía|
Haedo|Morón|Castelar|Banfield|Temperley|Adrogué|Burzaco|Wilde|Bernal|Sarandí|Beccar|Munro
"""
)
ZH_PLACES = items(
    """
北京|上海|天津|重庆|朝阳区|海淀区|东城区|西城区|丰台区|石景山区|通州|顺义|昌平|大兴|房山|门头沟|怀柔|平谷|
密云|延庆|王府井|西单|中关村|望京|国贸|三里屯|雍和宫|颐和园|天安门|鼓楼|什刹海|南锣鼓巷|黄山|张家口|
张家界|石家庄|沈阳|苏州|杭州|南京|武汉|成都|广州|深圳|厦门|青岛|大连|哈尔滨|长沙|郑州|西安|兰州|昆明|
贵阳|南宁|海口|拉萨|乌鲁木齐|常州|温州|金华|马鞍山|高碑店|孙河|毛家湾|关庄|胡家园|何各庄|黄村|马驹桥|
郭公庄|宋家庄|刘家窑|赵公口|潘家园|蒲黄榆|方庄|丁家坎|吕村|陈各庄|杨镇|周口店|史各庄|孔庄|白家疃|
燕郊|固安|廊坊|保定|唐山|秦皇岛|承德|邯郸|邢台|沧州|衡水|太原|呼和浩特|长春|吉林|齐齐哈尔|牡丹江|
中山公园|张自忠路|赵登禹路|佟麟阁路|中山路|逸仙路|孙河乡|高米店|马家堡|黄庄|魏公村|苏州街|
"""
)

DA_ORGS = items(
    """
Carlsberg|Novo Nordisk|A.P. Møller - Mærsk|Mærsk|Niels Bohr Institutet|Rigshospitalet|
Bispebjerg Hospital|Hvidovre Hospital|Det Kongelige Teater|H.C. Ørsted Værket|Vestas|Danske Bank|
Jyske Bank|Nykredit|Lego|Bang & Olufsen|Georg Jensen|Royal Copenhagen|Irma|Netto|Føtex|Bilka|
Salling Group|Magasin|Illum|Sankt Annæ Gymnasium|Niels Steensens Gymnasium|
Ingrid Jespersens Gymnasieskole|Johannesskolen|N. Zahles Skole|Marie Kruses Skole|
Rudolf Steiner-skolen|Tycho Brahe Planetarium|Louisiana|Thorvaldsens Museum|
Den Hirschsprungske Samling|Ny Carlsberg Glyptotek|Tivoli|Falck|Dansk Røde Kors|
Kræftens Bekæmpelse|Ældre Sagen|Mary Fonden|Poul Due Jensens Fond|Otto Mønsted Fonden|
Augustinus Fonden|Villum Fonden|Knud Højgaards Fond|Lundbeckfonden|Egmont Fonden|Oticon Fonden|
Aage V. Jensen Naturfond|Ole Kirk's Fond|Hempel Fonden|C.W. Obel|Bestseller|Jysk|Coop|Arla|
Danish Crown|Ørsted|DSB|Movia|HOFOR|Sund & Bælt|By & Havn|KAB|fsb|AAB|Grundfos|Danfoss|Rockwool|
William Demant|Lundbeck|Chr. Hansen|Coloplast|Ambu|Pandora|Søstrene Grene|Flying Tiger|
Lagkagehuset|Emmerys|Joe & The Juice|Sticks'n'Sushi|Jensens Bøfhus|Max Burger|Føtex Food|
Carl Nielsen Akademiet|Det Kgl. Danske Musikkonservatorium|Karen Blixen Museet|Storm P. Museet
"""
)
EN_ORGS = items(
    """
Johns Hopkins|Ford|Marks & Spencer|Sainsbury's|John Lewis|McDonald's|Walt Disney|Boots|Barclays|
Lloyds Bank|JPMorgan Chase|Goldman Sachs|Dell|Hewlett-Packard|Johnson & Johnson|Procter & Gamble|
Wells Fargo|Charles Schwab|Ernst & Young|Deloitte|Guy's and St Thomas'|King's College London|
Imperial College|Great Ormond Street Hospital|the Royal Marsden|Morrisons|Tesco|Waitrose|Greggs|
Selfridges|Harrods|Liberty|Debenhams|Cadbury|Rolls-Royce|Jaguar|Aston Martin|Dyson|Virgin Media|
Thames Water|Transport for London|Network Rail|the Wellcome Trust|the Joseph Rowntree Foundation|
the Nuffield Trust|the Ford Foundation|the Bill & Melinda Gates Foundation|
the Rockefeller Foundation|
Carnegie Hall|the Kennedy Center|Lincoln Center|the Smithsonian|Trader Joe's|Wendy's|Macy's|
Kellogg's|Heinz|Hershey|Ben & Jerry's|Dunkin'|Tim Hortons|Nando's|Wetherspoons|Sadler's Wells|
the Churchill War Rooms|St Mungo's|Barnardo's|Martin Luther King Jr. High School|
George Washington University|Thomas Jefferson University Hospital|Mount Sinai|Cedars-Sinai|
Kaiser Permanente|Sotheby's|Christie's|Lloyd's of London|Bloomberg|Reuters|the Guardian|
Morgan Stanley|Merrill Lynch|Sears|Walgreens|Ralph Lauren|Tommy Hilfiger|Calvin Klein|
Paul Smith|Ted Baker|Alexander McQueen|Vivienne Westwood|Stella McCartney|Estée Lauder|
the Tate Modern|the Victoria and Albert Museum|the Horniman Museum|the Wallace Collection
"""
)
ES_ORGS = items(
    """
Hospital Garrahan|Hospital Italiano|Fundación Favaloro|Hospital Fernández|
Hospital Juan A. Fernández|
Hospital Ramos Mejía|Hospital Rivadavia|Hospital Durand|Hospital Argerich|Hospital Pirovano|
Hospital Álvarez|Hospital Santojanni|Hospital Piñero|Hospital Posadas|Universidad Torcuato Di Tella|
Teatro Colón|Teatro Gran Rex|Banco Santander|Banco Galicia|Banco Nación|Grupo Clarín|Mercado Libre|
El Corte Inglés|Zara|Fundación Juan March|Museo Reina Sofía|Museo Evita|Museo Sívori|
Colegio Nacional de Buenos Aires|Escuela Domingo F. Sarmiento|Escuela Normal Mariano Acosta|
Boca Juniors|River Plate|Vélez Sarsfield|Ferro Carril Oeste|Arcos Dorados|Coto|Carrefour|
Farmacity|Rapipago|Fundación Huésped|Cáritas|Cruz Roja|Hospital Clínic|Hospital Gregorio Marañón|
Hospital Ramón y Cajal|Hospital La Paz|Hospital 12 de Octubre|Fundación Jiménez Díaz|
Universidad Carlos III|Universidad Rey Juan Carlos|Mercadona|Repsol|Iberia|Telefónica|BBVA|
Fundación Amancio Ortega|Instituto Cervantes|Biblioteca Nacional Mariano Moreno|Quilmes|
Havanna|Freddo|Grido|Café Tortoni|Librería El Ateneo|Aerolíneas Argentinas|YPF|Edenor|Edesur|
AySA|Metrogas|Subte línea D|Hospital Británico|Sanatorio Güemes|Sanatorio Finochietto|
Clínica Bazterrica|Colegio San José|Instituto Félix Bernasconi|Escuela Cornelio Saavedra|
Club Atlético Huracán|San Lorenzo de Almagro|Estudiantes de La Plata|Newell's Old Boys
"""
)
ZH_ORGS = items(
    """
北京大学|清华大学|协和医院|北京协和医院|同仁医院|宣武医院|朝阳医院|积水潭医院|中山公园|鲁迅博物馆|宋庆龄故居|
梅兰芳纪念馆|郭沫若纪念馆|老舍茶馆|李宁|王老吉|张小泉|马应龙|同仁堂|海底捞|小米|华为|联想|京东|美团|
王府井百货|全聚德|东来顺|稻香村|吴裕泰|张一元|内联升|瑞蚨祥|六必居|庆丰包子铺|姚记炒肝|护国寺小吃|
北京四中|人大附中|史家小学|鲁迅中学|北京八中|首都图书馆|国家大剧院|中国银行|工商银行|建设银行|北京银行|
招商银行|中国移动|中国联通|顺丰|中通快递|圆通|申通|韵达|物美|超市发|永辉超市|麦当劳|肯德基|星巴克|
必胜客|宜家|周大福|周黑鸭|周生生|老凤祥|杨国福麻辣烫|张亮麻辣烫|沙县小吃|兰州拉面|黄焖鸡米饭|喜茶|
蜜雪冰城|瑞幸咖啡|蔡林记|曹操出行|钱大妈|叮咚买菜|盒马|陈记烧腊|马记拉面|高德地图|百度|阿里巴巴|
腾讯|字节跳动|滴滴|安踏|特步|格力|海尔|方正集团|万达|万科|华润万家|金百万|眉州东坡|西贝莜面村
"""
)


def code_da(rng):
    return pick(
        rng,
        [
            "DS/EN 1176",
            "DS/EN %d-%d" % (rng.randint(1000, 17999), rng.randint(1, 9)),
            "ISO %d:%d" % (pick(rng, [9001, 14001, 27001, 45001, 50001]), rng.randint(2008, 2022)),
            "EN 13201-2",
            "IP%d%d" % (rng.randint(4, 6), rng.randint(4, 8)),
            "DS 418",
            "BR18",
            "EU 2016/679",
            "art. %d, stk. %d" % (rng.randint(1, 99), rng.randint(1, 5)),
            "j.nr. %d/%05d" % (rng.randint(15, 25), rng.randint(0, 99999)),
            "sagsnr. %d-%06d" % (rng.randint(2015, 2025), rng.randint(0, 999999)),
            "ISBN " + hyphen_isbn(isbn13(rng, "97887")),
            "varenr. %d-%d" % (rng.randint(100, 9999), rng.randint(10, 9999)),
            "version %d.%d.%d" % (rng.randint(1, 20), rng.randint(0, 30), rng.randint(0, 99)),
            "COVID-19",
            "PM2,5",
            "CO2",
            "NOx",
            "Euro 6",
            "E10",
            "A++",
            "USB-C",
            "5G",
            "4K",
            "linje %dA" % rng.randint(1, 9),
            "bus %d" % rng.randint(1, 400),
            "S-tog linje %s" % pick(rng, "ABCEFH"),
            "model %s-%d" % (letters(rng, "ABCDEFGHKMNPRSTXZ", 2), rng.randint(100, 9000)),
        ],
    )


def code_en(rng):
    return pick(
        rng,
        [
            "BS EN 1176",
            "BS %d" % rng.randint(1000, 9999),
            "ISO %d:%d" % (pick(rng, [9001, 14001, 27001, 45001, 50001]), rng.randint(2008, 2022)),
            "IP%d%d" % (rng.randint(4, 6), rng.randint(4, 8)),
            "HTTP %d" % pick(rng, [403, 404, 500, 502, 503]),
            "Part L",
            "Article 6(1)(e)",
            "ref %d/%05d" % (rng.randint(2015, 2025), rng.randint(0, 99999)),
            "case no. %d-%04d" % (rng.randint(15, 25), rng.randint(0, 9999)),
            "ISBN " + hyphen_isbn(isbn13(rng, "9780")),
            "SKU %d-%d" % (rng.randint(100, 9999), rng.randint(10, 9999)),
            "version %d.%d.%d" % (rng.randint(1, 20), rng.randint(0, 30), rng.randint(0, 99)),
            "COVID-19",
            "PM2.5",
            "CO2",
            "NOx",
            "Euro 6",
            "ULEZ",
            "A4",
            "M25",
            "A406",
            "I-95",
            "Route 66",
            "the %d bus" % rng.randint(1, 400),
            "Form P60",
            "W-2",
            "1099-MISC",
            "Section 21",
            "model %s-%d" % (letters(rng, "ABCDEFGHKMNPRSTXZ", 2), rng.randint(100, 9000)),
            "build 10.0.%d.%d" % (rng.randint(19041, 22631), rng.randint(256, 4000)),
        ],
    )


def code_es(rng):
    return pick(
        rng,
        [
            "norma IRAM %d" % rng.randint(1000, 9999),
            "ISO %d" % pick(rng, [9001, 14001, 27001, 45001]),
            "UNE-EN 71-1",
            "Ley %s" % thousands(rng.randint(20000, 27999), "."),
            "Decreto %s/%d" % (thousands(rng.randint(100, 1999), "."), rng.randint(2005, 2025)),
            "Resolución %d/%d" % (rng.randint(1, 999), rng.randint(2010, 2025)),
            "EX-%d-%08d-GCABA-DGTALMAEP" % (rng.randint(2018, 2025), rng.randint(0, 99999999)),
            "Expte. N° %s/%d" % (thousands(rng.randint(1000, 99999), "."), rng.randint(2010, 2025)),
            "art. 14 bis",
            "ruta %d" % rng.randint(1, 40),
            "RN %d" % rng.randint(1, 40),
            "línea %d" % rng.randint(1, 199),
            "versión %d.%d.%d" % (rng.randint(1, 20), rng.randint(0, 30), rng.randint(0, 99)),
            "ISBN " + hyphen_isbn(isbn13(rng, "97895")),
            "SKU %d-%d" % (rng.randint(100, 9999), rng.randint(10, 9999)),
            "COVID-19",
            "PM2,5",
            "IP%d%d" % (rng.randint(4, 6), rng.randint(4, 8)),
            "5G",
            "A4",
            "modelo %s-%d" % (letters(rng, "ABCDEFGHKMNPRSTXZ", 2), rng.randint(100, 9000)),
        ],
    )


def code_zh(rng):
    return pick(
        rng,
        [
            "GB/T %d-%d" % (rng.randint(10000, 51000), rng.randint(2000, 2023)),
            "GB %d-%d" % (rng.randint(5000, 51000), rng.randint(2000, 2023)),
            "GB 18030-2022",
            "ISO %d" % pick(rng, [9001, 14001, 27001, 45001]),
            "IP%d%d" % (rng.randint(4, 6), rng.randint(4, 8)),
            "京政发〔%d〕%d号" % (rng.randint(2015, 2025), rng.randint(1, 60)),
            "型号%s-%d" % (letters(rng, "ABCDEFGHKMNPRSTXZ", 2), rng.randint(100, 9000)),
            "版本%d.%d.%d" % (rng.randint(1, 20), rng.randint(0, 30), rng.randint(0, 99)),
            "PM2.5",
            "5G",
            "地铁%d号线" % rng.randint(1, 19),
            "%d路公交车" % rng.randint(1, 999),
            "G%d京港澳高速" % 4,
            "京藏高速G6",
            "工单号%d%02d%02d%04d"
            % (
                rng.randint(2019, 2025),
                rng.randint(1, 12),
                rng.randint(1, 28),
                rng.randint(0, 9999),
            ),
            "ISBN " + hyphen_isbn(isbn13(rng, "9787")),
            "A4纸",
            "COVID-19",
            "H1N1",
        ],
    )


def hyphen_isbn(s):
    return s[:3] + "-" + s[3:5] + "-" + s[5:9] + "-" + s[9:12] + "-" + s[12:]


def postcode_da(rng):
    pc = pick(rng, DA_TOWNS).split(" ", 1)
    return pick(
        rng,
        [
            pc[0],
            pc[0] + " " + pc[1],
            "DK-" + pc[0],
            pc[0] + " " + pc[1],
            str(rng.randint(1000, 9990)),
        ],
    )


def postcode_en(rng):
    area = pick(
        rng, words("E8 N16 SE15 SW9 NW5 W12 EC1A WC2N M14 LS6 G12 BS5 B29 EH6 CF10 BT7 OX4 CB1")
    )
    full = area + " %d%s" % (rng.randint(1, 9), letters(rng, "ABDEFGHJLNPQRSTUWXYZ", 2))
    return pick(
        rng,
        [
            area,
            full,
            full,
            "ZIP %05d" % rng.randint(1000, 99950),
            "%05d" % rng.randint(1000, 99950),
            "the %s postcode" % area,
        ],
    )


def postcode_es(rng):
    return pick(
        rng,
        [
            "C%04d" % rng.randint(1000, 1499),
            "C%04d%s" % (rng.randint(1000, 1499), letters(rng, "ABCDEFGHJKLMNPQRSTUVWXYZ", 3)),
            "%04d" % rng.randint(1000, 9431),
            "B%04d" % rng.randint(1600, 1999),
            "CP %04d" % rng.randint(1000, 1499),
            "%05d" % rng.randint(1000, 52080),
            "(%04d)" % rng.randint(1000, 1499),
        ],
    )


def postcode_zh(rng):
    return "1%05d" % rng.randint(0, 2999)


FILLERS = {
    "da": {
        "street": da_street,
        "year": year_any,
        "y": year_recent,
        "n": small_n,
        "pct": pct_da,
        "amount": amount_da,
        "place": lambda r: pick(r, DA_PLACES),
        "org": lambda r: pick(r, DA_ORGS),
        "date": lambda r: event_date(r, "da"),
        "code": code_da,
        "pc": postcode_da,
        "month": lambda r: pick(r, DA_MONTHS),
        "wd": lambda r: pick(r, WEEKDAYS["da"]),
        "Month": lambda r: cap_first(pick(r, DA_MONTHS)),
        "Wd": lambda r: cap_first(pick(r, WEEKDAYS["da"])),
    },
    "en": {
        "street": en_street,
        "year": year_any,
        "y": year_recent,
        "n": small_n,
        "pct": pct_en,
        "amount": amount_en,
        "place": lambda r: pick(r, EN_PLACES),
        "org": lambda r: pick(r, EN_ORGS),
        "date": lambda r: event_date(r, "en"),
        "code": code_en,
        "pc": postcode_en,
        "month": lambda r: pick(r, EN_MONTHS),
        "wd": lambda r: pick(r, WEEKDAYS["en"]),
        "Month": lambda r: pick(r, EN_MONTHS),
        "Wd": lambda r: pick(r, WEEKDAYS["en"]),
    },
    "es": {
        "street": lambda r: (weighted(r, AR_TYPES) if r.random() < 0.7 else weighted(r, ES_TYPES))
        + pick(r, AR_STREETS if r.random() < 0.7 else ES_STREETS),
        "year": year_any,
        "y": year_recent,
        "n": small_n,
        "pct": pct_es,
        "amount": amount_es,
        "place": lambda r: pick(r, ES_PLACES),
        "org": lambda r: pick(r, ES_ORGS),
        "date": lambda r: event_date(r, "es"),
        "code": code_es,
        "pc": postcode_es,
        "month": lambda r: pick(r, ES_MONTHS),
        "wd": lambda r: pick(r, WEEKDAYS["es"]),
        "Month": lambda r: cap_first(pick(r, ES_MONTHS)),
        "Wd": lambda r: cap_first(pick(r, WEEKDAYS["es"])),
    },
    "zh": {
        "street": lambda r: pick(r, ZH_ROADS + ZH_HUTONGS + items("张自忠路|赵登禹路|佟麟阁路|中山路")),
        "year": year_any,
        "y": year_recent,
        "n": small_n,
        "pct": pct_zh,
        "amount": amount_zh,
        "place": lambda r: pick(r, ZH_PLACES),
        "org": lambda r: pick(r, ZH_ORGS),
        "date": lambda r: event_date(r, "zh"),
        "code": code_zh,
        "pc": postcode_zh,
        "month": lambda r: pick(r, MONTHS["zh"]),
        "wd": lambda r: pick(r, WEEKDAYS["zh"]),
        "Month": lambda r: pick(r, MONTHS["zh"]),
        "Wd": lambda r: pick(r, WEEKDAYS["zh"]),
        "cn": lambda r: zh_small(r.randint(2, 99)),
    },
}


LOOK_FRAMES = {
    "da": {
        "prose": items(
            """
Da {street} blev omlagt i {year}, faldt biltrafikken med {pct}, og cykeltrafikken steg.
Cykelstierne på {street} blev udvidet i {y}; projektet kostede {amount}.
I {y} lukkede kommunen {street} for gennemkørsel i myldretiden.
Evalueringen fra {y} viser, at støjen på {street} faldt med {n} dB.
Byggeriet på {street} stod færdigt i {y}, to år forsinket.
Siden {y} har {street} været en del af supercykelstinettet.
Antallet af ulykker på {street} faldt fra {n} i {y} til {n} i {y}.
Kommunen plantede {n} træer langs {street} i {y}.
Metrostationen ved {place} åbnede i {y}, og trafikken på {street} faldt med {pct}.
Casestudie: {street} ({year}-{y}). Budget: {amount}.
I perioden {year}–{y} blev {street} repareret {n} gange.
Beboerne på {street} har siden {year} klaget over støj fra {org}.
{street} blev anlagt i {year} og er opkaldt efter en kendt københavner.
Forsøget med 40 km/t på {street} i {y} gav {pct} færre ulykker.
Ifølge rapporten fra {y} cykler {pct} af beboerne langs {street} dagligt.
"""
        ),
        "year": items(
            """
Skolen blev bygget i {year} og renoveret i {y}.
Vi har boet her siden {year}.
Fra {year} til {y} steg huslejen hvert eneste år.
Planen gælder for perioden {y}-{y}.
Budget {y} er vedtaget.
Klimaplanen sigter mod CO2-neutralitet i {y}.
Vejen har ikke været asfalteret siden {year}!
Det har været sådan siden sommeren {y}.
Fra årsskiftet {y}/{y} ændres taksterne.
Huset er fra {year}, og vinduerne er originale.
I {year} boede der {n} familier i opgangen.
Min bedstefar flyttede hertil i {year}.
Ordningen blev indført i {y} og evalueres i {y}.
Jubilæum: foreningen blev stiftet i {year}.
"""
        ),
        "event_date": items(
            """
Borgermødet holdes den {date} kl. 19 i kulturhuset.
Storskrald afhentes {date} i dit område.
Vejarbejdet varer fra {date} til {date}.
Vi klagede første gang den {date}.
Høringsfristen er {date}.
Den {date} var der oversvømmelse i kælderen.
Skybruddet {date} ødelagde alt i kælderen.
Sagen blev oprettet {date}.
Loppemarkedet er {wd} den {date}.
Vi fik brevet {date}, men fristen var allerede overskredet.
Mødet {date} er aflyst.
"""
        ),
        "amount": items(
            """
Huslejen er steget til {amount} om måneden.
Bøden var på {amount}!
Projektet har kostet {amount}.
Vi betaler {amount} i fællesudgifter.
Tilskuddet er på {amount} pr. barn.
Regningen lød på {amount}, det er alt for meget.
Kommunen har afsat {amount} til cykelstier.
Jeg har fået en regning på {amount} for vand.
Parkering koster nu {amount} i timen.
Depositum: {amount}
Prisen steg fra {amount} til {amount}.
"""
        ),
        "percent": items(
            """
{pct} af beboerne svarede ja.
Ledigheden faldt til {pct} i {y}.
Huslejen steg {pct} på et år.
Kun {pct} af cyklisterne bruger hjelm.
Støjen ligger {pct} over grænseværdien.
Valgdeltagelsen var {pct}.
{pct} af affaldet blev genanvendt i {y}.
Andelen af elbiler er nu {pct}.
"""
        ),
        "postcode": items(
            """
Jeg bor i {pc}.
Postnummer: {pc}
Gælder ordningen også for {pc}?
Vi er fra {pc}.
Ordningen dækker {pc} og {pc}.
Er {pc} med i forsøget?
Flyttet til {pc} sidste år.
"""
        ),
        "code": items(
            """
Legepladsen opfylder {code}.
Reference: {code}
Det står i {code}.
Lampen er mærket {code}.
Jf. {code}
Produktet ({code}) er udsolgt.
Fejlen opstod efter opdatering til {code}.
Se {code} for detaljer.
Vedr. {code}
Hvad betyder {code} egentlig?
"""
        ),
        "org": items(
            """
Jeg har været i kontakt med {org}.
{org} har lovet at se på sagen.
Vi fik hjælp fra {org}.
Arrangementet er sponsoreret af {org}.
{org} holder åbent hus på lørdag.
Jeg arbejder hos {org}.
Der er kø ved {org} hver morgen.
{org} har købt grunden ved siden af.
Lastbilerne fra {org} larmer om natten.
Tak til {org} for støtten!
"""
        ),
        "place": items(
            """
Vi skal til {place} i weekenden.
Toget til {place} var aflyst igen.
Jeg er flyttet fra {place} til København.
Bussen mellem {place} og {place} kører for sjældent.
Min familie bor i {place}.
Cykelruten fra {place} til {place} er fantastisk.
Hvornår kommer der metro til {place}?
Der er altid fyldt ved {place} om sommeren.
"""
        ),
        "month_weekday": items(
            """
Vi ses på {wd}.
Storskrald hentes hver anden {wd}.
Mødet er flyttet til {wd} i næste uge.
Fra {month} til {month} er svømmehallen lukket.
Hver {wd} morgen larmer skraldebilen kl. 5.
{Wd} er borgerservice lukket.
Haveaffald hentes fra {month}.
{Month} var en meget våd måned.
Maj og juni er de bedste måneder i parken.
{Month} {y}: ny køreplan.
Til {month} åbner den nye legeplads.
"""
        ),
        "common_word": items(
            """
Hans cykel blev stjålet fra gården i {place}.
Per husstand må man have {n} sække haveaffald.
Storm og regn har væltet træerne i {place}.
Sten og grus fra byggepladsen ligger på cykelstien i {place}.
Bo godt i {place} – det er kommunens nye slogan.
Rose til kommunen for den nye legeplads i {place}!
Ask og birk er fældet i {place} uden varsel.
Lærke og solsort synger igen i parken i {place}.
Holm og skov skal bevares, siger planen for {place}.
Mark og eng forsvinder, når {place} bygges ud.
Kaj {n} i Nordhavn er lukket for både.
Frost om natten har ødelagt vejene i {place}.
Sommer i {place} betyder turister og larm.
Vinter i {place} betyder glatte fortove.
Lykke er en have i {place}.
Hans og hendes cykler står i kælderen.
Smed og tømrer kan først komme i {month}.
Bager og slagter i {place} lukker begge i {month}.
Falk og ørn er set over {place}.
Sankt Hans bål ved {place} blev aflyst pga. tørke.
Mortens aften spiser vi and hos svigermor i {place}.
Skov og strand er tæt på {place}.
Krog og søm ligger overalt efter byggeriet i {place}.
Bjørn og ulv findes ikke i {place}, men ræve gør.
Ravn og krage roder i skraldespandene i {place}.
Bo og arbejde i {place} er blevet alt for dyrt.
Dam og sø i {place} er fyldt med alger.
Jens Baggesens Vej og Peter Bangs Vej er lukket i {month}.
"""
        ),
    },
    "en": {
        "prose": items(
            """
When {street} was redesigned in {year}, car traffic fell by {pct} and cycling rose.
The cycle lanes on {street} were widened in {y}; the scheme cost {amount}.
In {y} the council closed {street} to through traffic at rush hour.
The {y} evaluation shows noise on {street} fell by {n} dB.
Construction on {street} finished in {y}, two years late.
Since {y}, {street} has been part of the low traffic neighbourhood.
Collisions on {street} fell from {n} in {y} to {n} in {y}.
The council planted {n} trees along {street} in {y}.
The station at {place} opened in {y} and traffic on {street} dropped by {pct}.
Case study: {street} ({year}-{y}). Budget: {amount}.
Between {year} and {y}, {street} was resurfaced {n} times.
Residents of {street} have complained about noise from {org} since {year}.
The 20 mph trial on {street} in {y} cut collisions by {pct}.
According to the {y} report, {pct} of people along {street} cycle daily.
{street} was laid out in {year} and named after a local benefactor.
"""
        ),
        "year": items(
            """
The school was built in {year} and refurbished in {y}.
We have lived here since {year}.
From {year} to {y} the rent went up every single year.
The plan covers {y}-{y}.
The {y} budget has been approved.
The climate plan aims for net zero by {y}.
The road hasn't been resurfaced since {year}!
It's been like this since the summer of {y}.
The house dates from {year} and the windows are original.
In {year}, {n} families lived in the block.
My grandad moved here in {year}.
Class of {y} reunion at the community centre.
The scheme started in {y} and will be reviewed in {y}.
The club was founded in {year}.
"""
        ),
        "event_date": items(
            """
The public meeting is on {date} at 7pm in the library.
Bulky waste will be collected on {date}.
Roadworks run from {date} to {date}.
We first complained on {date}.
The consultation closes on {date}.
On {date} the basement flooded.
The storm on {date} wrecked everything in the cellar.
Case opened {date}.
The car boot sale is on {Wd} {date}.
We got the letter on {date}, after the deadline.
The meeting on {date} is cancelled.
"""
        ),
        "amount": items(
            """
The rent has gone up to {amount} a month.
The fine was {amount}!
The project cost {amount}.
We pay {amount} in service charges.
The grant is {amount} per child.
The bill came to {amount}, which is far too much.
The council has set aside {amount} for cycle lanes.
I got a water bill for {amount}.
Parking now costs {amount} an hour.
Deposit: {amount}
The price went from {amount} to {amount}.
"""
        ),
        "percent": items(
            """
{pct} of residents said yes.
Unemployment fell to {pct} in {y}.
The rent rose {pct} in a year.
Only {pct} of cyclists wear a helmet.
Noise is {pct} above the limit.
Turnout was {pct}.
{pct} of waste was recycled in {y}.
Electric cars are now {pct} of new registrations.
"""
        ),
        "postcode": items(
            """
I live in {pc}.
Postcode: {pc}
Does the scheme cover {pc}?
We're in {pc}.
The scheme covers {pc} and {pc}.
Is {pc} included in the trial?
Moved to {pc} last year.
"""
        ),
        "code": items(
            """
The playground meets {code}.
Reference: {code}
It says so in {code}.
The lamp is rated {code}.
See {code}.
The product ({code}) is sold out.
The fault started after the update to {code}.
See {code} for details.
Re: {code}
What does {code} actually mean?
"""
        ),
        "org": items(
            """
I have been in touch with {org}.
{org} promised to look into it.
We got help from {org}.
The event is sponsored by {org}.
{org} has an open day on Saturday.
I work at {org}.
There's a queue outside {org} every morning.
{org} bought the plot next door.
Lorries from {org} make a racket at night.
Thanks to {org} for the support!
"""
        ),
        "place": items(
            """
We're going to {place} for the weekend.
The train to {place} was cancelled again.
I moved from {place} to London.
The bus between {place} and {place} doesn't run often enough.
My family lives in {place}.
The cycle route from {place} to {place} is brilliant.
When is the Tube coming to {place}?
{place} is always packed in summer.
"""
        ),
        "month_weekday": items(
            """
See you on {wd}.
Bins go out every other {wd}.
The meeting moved to {wd} next week.
From {month} to {month} the pool is closed.
Every {wd} morning the bin lorry comes at 5.
The office is closed on {wd}s.
Garden waste collection starts in {month}.
{Month} was a very wet month.
May and June are the best months in the park.
{Month} {y}: new timetable.
In {month} the new playground opens.
"""
        ),
        "common_word": items(
            """
Will the council fix the potholes in {place}?
Bill payments at the {place} office are now online only.
Mark the date: the fair in {place} is on {Wd}.
May I ask why the bins in {place} weren't emptied?
Grace period for parking permits in {place} ends in {month}.
Hope the streetlights in {place} get fixed soon.
Rose bushes in {place} have been cut down.
Frank discussion needed about traffic in {place}.
Joy and relief in {place} as the library reopens.
Faith in the council is at an all-time low in {place}.
Summer in {place} means noise until 2am.
Amber lights at the crossing in {place} are broken.
Sue the council? Residents in {place} are considering it.
Pat yourselves on the back for the new park in {place}.
Don your hard hats: works in {place} start on {Wd}.
Carol singers in {place} were lovely this year.
Ivy covers the walls of the old library in {place}.
Heather on the common in {place} was burnt.
Miles of potholes in {place}!
Grant funding for {place} was cut in {y}.
Major roadworks in {place} from {month}.
Brook flooding in {place} again.
Jack the car up and you'll see what the potholes in {place} did.
Chase the contractor, please – {place} has waited long enough.
Art and craft fair in {place} this {Wd}.
Penny for your thoughts on the new cycle lane in {place}?
Rusty bikes have been chained up in {place} for months.
Sandy paths in {place} park flood easily.
Ginger cat lost near {place}, answers to nothing.
Robin and blackbird nests were destroyed when the hedges in {place} were cut.
"""
        ),
    },
}

LOOK_FRAMES["es"] = {
    "prose": items(
        """
Cuando se remodeló {street} en {year}, el tránsito bajó un {pct} y crecieron los viajes en bici.
La ciclovía de {street} se amplió en {y}; la obra costó {amount}.
En {y} la Ciudad cerró {street} al tránsito en hora pico.
El informe de {y} muestra que el ruido en {street} bajó {n} dB.
La obra en {street} terminó en {y}, con dos años de atraso.
Desde {y}, {street} forma parte de la red de Metrobús.
Los siniestros en {street} bajaron de {n} en {y} a {n} en {y}.
El Gobierno plantó {n} árboles sobre {street} en {y}.
La estación {place} se inauguró en {y} y el tránsito en {street} cayó un {pct}.
Caso de estudio: {street} ({year}-{y}). Presupuesto: {amount}.
Entre {year} y {y}, {street} se repavimentó {n} veces.
Los vecinos de {street} se quejan del ruido de {org} desde {year}.
La prueba de 30 km/h en {street} en {y} redujo los siniestros un {pct}.
Según el informe de {y}, el {pct} de los vecinos de {street} usa la bici a diario.
{street} se trazó en {year} y lleva el nombre de un prócer.
"""
    ),
    "year": items(
        """
La escuela se construyó en {year} y se remodeló en {y}.
Vivimos acá desde {year}.
De {year} a {y} el alquiler subió todos los años.
El plan abarca el período {y}-{y}.
El presupuesto {y} ya fue aprobado.
El plan climático apunta a la neutralidad en {y}.
¡La calle no se repavimenta desde {year}!
Esto es así desde el verano de {y}.
La casa es de {year} y las ventanas son originales.
En {year} vivían {n} familias en el edificio.
Mi abuelo llegó al barrio en {year}.
Reunión de la promoción {y} en el club.
El programa empezó en {y} y se evalúa en {y}.
El club se fundó en {year}.
"""
    ),
    "event_date": items(
        """
La audiencia pública es el {date} a las 19 en el centro cultural.
El retiro de voluminosos es el {date}.
La obra va del {date} al {date}.
Reclamamos por primera vez el {date}.
La consulta cierra el {date}.
El {date} se inundó el sótano.
La tormenta del {date} rompió todo.
Reclamo iniciado el {date}.
La feria es el {wd} {date}.
Nos llegó la carta el {date}, ya vencido el plazo.
La reunión del {date} se suspende.
"""
    ),
    "amount": items(
        """
El alquiler subió a {amount} por mes.
¡La multa fue de {amount}!
La obra costó {amount}.
Pagamos {amount} de expensas.
El subsidio es de {amount} por hijo.
La boleta de luz vino de {amount}, es una locura.
La Ciudad destinó {amount} a ciclovías.
Estacionar ahora cuesta {amount} la hora.
Depósito: {amount}
El precio pasó de {amount} a {amount}.
"""
    ),
    "percent": items(
        """
El {pct} de los vecinos dijo que sí.
La desocupación bajó al {pct} en {y}.
El alquiler subió un {pct} en un año.
Solo el {pct} de los ciclistas usa casco.
El ruido está un {pct} por encima del límite.
La participación fue del {pct}.
El {pct} de los residuos se recicló en {y}.
Los autos eléctricos ya son el {pct} de los patentamientos.
"""
    ),
    "postcode": items(
        """
Vivo en {pc}.
Código postal: {pc}
¿El programa incluye {pc}?
Somos de la zona {pc}.
El programa cubre {pc} y {pc}.
¿{pc} entra en la prueba piloto?
Me mudé a {pc} el año pasado.
"""
    ),
    "code": items(
        """
El juego de plaza cumple {code}.
Referencia: {code}
Lo dice {code}.
La luminaria es {code}.
Ver {code}.
El producto ({code}) está agotado.
La falla empezó tras actualizar a {code}.
Ver {code} para más detalles.
Ref.: {code}
¿Qué significa {code}?
"""
    ),
    "org": items(
        """
Estuve en contacto con {org}.
{org} prometió revisar el caso.
Nos ayudó {org}.
El evento lo patrocina {org}.
{org} tiene jornada de puertas abiertas el sábado.
Trabajo en {org}.
Hay cola frente a {org} todas las mañanas.
{org} compró el terreno de al lado.
Los camiones de {org} hacen ruido de noche.
¡Gracias a {org} por el apoyo!
"""
    ),
    "place": items(
        """
Nos vamos a {place} el fin de semana.
El tren a {place} se canceló otra vez.
Me mudé de {place} a la Capital.
El colectivo entre {place} y {place} pasa muy poco.
Mi familia vive en {place}.
La bicisenda de {place} a {place} es buenísima.
¿Cuándo llega el subte a {place}?
{place} siempre está lleno en verano.
"""
    ),
    "month_weekday": items(
        """
Nos vemos el {wd}.
La recolección de ramas es un {wd} sí y otro no.
La reunión pasó al {wd} de la semana que viene.
De {month} a {month} la pileta está cerrada.
Todos los {wd} a la mañana el camión pasa a las 5.
{Wd} la oficina está cerrada.
La poda empieza en {month}.
{Month} fue un mes muy lluvioso.
Abril y mayo son los mejores meses en la plaza.
{Month} {y}: nuevo horario.
En {month} abre la nueva plaza.
Domingo a la tarde no pasa ningún colectivo.
"""
    ),
    "common_word": items(
        """
Rosa es el color de las nuevas bicis públicas en {place}.
Luz roja del semáforo en {place} no funciona hace días.
Paz y tranquilidad es lo que pedimos en {place}.
Sol y sombra en la plaza de {place}.
Mercedes negro estacionado en doble fila en {place}.
Dolores de cabeza por el ruido en {place}.
Soledad y abandono en los parques de {place}.
Esperanza no perdemos: algún día arreglarán {place}.
Blanca y limpia quedó la plaza de {place} tras la pintura.
Pilar de la obra en {place} se agrietó.
Consuelo es que al menos en {place} pasaron a barrer.
Amparo judicial para frenar la obra en {place}.
Victoria de los vecinos de {place} en la justicia.
Rocío de la mañana moja los bancos de {place}.
Bravo por la nueva plaza de {place}!
Leal a su barrio, la gente de {place} resiste.
Blanco de críticas, el proyecto de {place} sigue igual.
Flor de lío se armó en {place} con el corte.
Jesús, qué desastre el tránsito en {place}!
Castillo inflable en la feria de {place} este {wd}.
Día franco: el {wd} no hay recolección en {place}.
Marina y Prefectura recorrieron la costa de {place}.
Cruz Roja instaló un puesto sanitario en {place}.
Mar y sierras: {place} en verano es otra cosa.
Estrella del barrio: la panadería de {place}.
Nieves y heladas complican el tránsito en {place}.
Santos y vírgenes salieron en procesión por {place}.
Ángeles de la guarda: así llaman a los voluntarios de {place}.
"""
    ),
}

LOOK_FRAMES["zh"] = {
    "prose": items(
        """
{street}改造后，机动车流量下降了{pct}，骑行人数明显增加。
{street}的自行车道于{y}年拓宽，工程投资{amount}。
{y}年起，{street}早晚高峰禁止货车通行。
{y}年的评估显示，{street}沿线噪声下降了{n}分贝。
{street}改造工程于{y}年完工，比计划晚了两年。
自{y}年以来，{street}已纳入慢行系统示范路段。
{street}的交通事故从{y}年的{n}起下降到{y}年的{n}起。
{y}年，区里沿{street}种植了{n}棵行道树。
{place}地铁站{y}年开通后，{street}的车流减少了{pct}。
案例研究：{street}（{year}—{y}年），预算{amount}。
{year}年至{y}年间，{street}共翻修了{n}次。
{street}的居民从{year}年起就投诉{org}的噪音。
据{y}年的报告，{street}沿线{pct}的居民每天骑车出行。
{street}始建于{year}年，是老城区最早的街道之一。
"""
    ),
    "year": items(
        """
学校建于{year}年，{y}年翻修。
我们从{year}年就住在这里。
{year}年到{y}年房租每年都涨。
规划期为{y}—{y}年。
{y}年预算已经通过。
力争{y}年前实现碳中和。
这条路从{year}年起就没修过！
从{y}年夏天开始就这样了。
这栋楼是{year}年盖的，窗户都是原装的。
{year}年这个楼里住了{n}户人家。
我爷爷{year}年搬到这里。
{y}届毕业生聚会在社区中心举行。
这个项目{y}年启动，{y}年评估。
"""
    ),
    "event_date": items(
        """
居民议事会定于{date}晚上七点召开。
大件垃圾将于{date}统一清运。
施工时间为{date}至{date}。
我们{date}第一次投诉。
意见征集截止到{date}。
{date}地下室被淹了。
{date}那场暴雨把东西都泡坏了。
工单创建于{date}。
跳蚤市场在{date}（{wd}）举行。
我们{date}才收到通知，已经过了期限。
{date}的会议取消了。
"""
    ),
    "amount": items(
        """
房租涨到每月{amount}了。
罚款{amount}！
项目总投资{amount}。
物业费每年{amount}。
补贴标准为每人{amount}。
水费账单是{amount}，太贵了。
区里安排了{amount}用于自行车道建设。
停车现在每小时{amount}。
押金：{amount}
价格从{amount}涨到{amount}。
"""
    ),
    "percent": items(
        """
{pct}的居民表示支持。
失业率在{y}年下降到{pct}。
房租一年涨了{pct}。
只有{pct}的骑车人戴头盔。
噪声超标{pct}。
投票率为{pct}。
{y}年{pct}的垃圾得到回收利用。
新能源车已占新车登记的{pct}。
"""
    ),
    "postcode": items(
        """
邮编{pc}
邮政编码：{pc}
{place}的邮编是{pc}吗？
请填写邮编（如{pc}）。
寄往{place}，邮编{pc}。
我们这里的邮编是{pc}。
"""
    ),
    "code": items(
        """
游乐设施符合{code}。
参考：{code}
依据{code}执行。
路灯防护等级{code}。
详见{code}。
这款产品（{code}）缺货了。
升级到{code}以后就出问题了。
请参阅{code}。
关于{code}的问题
{code}是什么意思？
"""
    ),
    "org": items(
        """
我联系过{org}了。
{org}答应会处理。
我们得到了{org}的帮助。
活动由{org}赞助。
{org}周六开放参观。
我在{org}上班。
每天早上{org}门口都排长队。
{org}买下了旁边那块地。
{org}的货车晚上太吵了。
感谢{org}的支持！
"""
    ),
    "place": items(
        """
周末我们去{place}。
去{place}的火车又停运了。
我从{place}搬到北京已经十年了。
{place}到{place}的公交车太少了。
我老家在{place}。
从{place}到{place}的骑行路线特别好。
{place}什么时候通地铁？
夏天{place}人总是很多。
"""
    ),
    "month_weekday": items(
        """
{wd}见。
每隔一个{wd}收一次垃圾。
会议改到下{wd}了。
{month}到{month}游泳馆关闭。
每个{wd}早上五点垃圾车就来了。
{wd}政务大厅不开门。
园林垃圾{month}开始收。
今年{month}雨水特别多。
{month}份新时刻表开始执行。
周一到周五早上七点开始施工。
正月十五以后再说吧。
"""
    ),
    "common_word": items(
        """
国庆节{place}的公园人太多了。
建国以来{place}发生了很大变化。
祝{place}的邻居们平安健康！
文明养犬，从{place}做起。
{place}正在推进美丽乡村建设。
希望世界和平，{place}也安静一点。
春华秋实，{place}的银杏黄了。
海燕在{place}的海边飞来飞去。
红梅开了，{place}公园很热闹。
振兴中华，从{place}做起。
爱国卫生运动在{place}开展。
{place}社区举办了红军长征主题展。
抗战胜利纪念活动在{place}举行。
{place}的小店一鸣惊人，成了网红。
宁静致远，{place}的书店很安静。
{place}的居民都觉得很幸福。
光明牛奶在{place}的超市断货了。
长江流域的汛期到了，{place}要注意防汛。
"""
    ),
    "surname_word": items(
        """
周末{place}的公园人太多了，希望增加垃圾桶。
高兴地告诉大家，{place}的路灯修好了。
马上就要{month}了，暖气还没来。
黄金周期间{place}堵得厉害。
胡同里的垃圾站太臭了，请尽快处理。
许多居民反映{place}的公交车太少。
方便的话请{wd}来看看。
关于{place}停车难的问题，希望领导重视。
安全出口被杂物堵住了。
万一着火了怎么办？
常常半夜有人在楼下喝酒。
白天施工还可以，晚上实在受不了。
金额不对，请重新核算物业费。
车站附近的共享单车乱停乱放。
路口的红绿灯坏了好几天了。
任何时候打电话都没人接。
范围太大了，能不能分片管理？
文化活动中心什么时候开放？
于是我们又打了一次电话。
石头挡在路中间，很危险。
叶子落满了人行道，没人扫。
钱包丢在去{place}的公交车上了。
熊猫馆的门票太难抢了。
包裹被放在门口，丢了两次。
牛奶箱被人撬了。
夏天{place}的蚊子特别多。
花园里的花被人摘光了。
江边的步道晚上没有灯。
水龙头漏水好几天了。
温度太低，暖气不热。
严重影响居民休息。
单位宿舍楼的电梯坏了。
明天{place}停水，请提前储水。
东西都堆在楼道里。
雷雨天气注意安全。
蓝色的垃圾桶是可回收物。
程序太复杂了，办个证要跑{cn}趟。
陈列在橱窗里的商品很便宜。
张贴的通知被雨淋坏了。
李子树结果了，孩子们都去摘。
杨树的飞絮太多了，很多人过敏。
早高峰地铁太挤了。
马路上的井盖丢了，太危险！
马桶堵了，物业不管。
黄牛在医院门口倒卖号。
何必等到出了事才管？
曾经这里是一片菜地。
田径场晚上不开放。
余额不足，充值机又坏了。
杜绝乱扔垃圾。
陆续有居民搬走。
金属加工厂的噪音很大。
石油味很重。
夏季用电高峰经常停电。
付款方式只有微信，老人不会用。
方向指示牌写错了。
白色垃圾到处都是。
熊孩子在楼道里玩火。
雷声太大，孩子吓哭了。
龙舟比赛在{place}举行。
黎明时分垃圾车就开始作业。
贺卡已收到，谢谢。
顾客投诉越来越多。
毛病太多了。
万分感谢！
钱款已退回。
严格执行垃圾分类。
武术班周末上课。
戴口罩的人越来越少。
莫名其妙被扣了分。
向上级反映了也没用。
汤面馆油烟太大。
常见问题请看公告。
康复中心离这里太远。
施工单位不听劝。
文件已经提交了。
牛肉面馆营业到很晚。
齐心协力把小区搞好。
易拉罐到处扔。
庞大的工地占了半条街。
颜色太难看了。
申报材料交到哪里？
关门太早了。
兰花展在{place}公园举行。
焦急地等待回复。
左转车道太短。
柳树飞絮又来了。
祝贺{place}获得文明城区称号。
包装垃圾太多。
尚未收到答复。
符合条件的居民可以申请。
凌晨三点还在施工！
毕业生租房补贴怎么申请？
单车乱停，人都过不去。
涂料味太重。
成功申请到了补贴。
苗木被偷了。
路灯不亮了。
游泳馆什么时候开放？
辛苦了！
管理太差。
柴油车冒黑烟。
房子漏水。
解决不了就换人。
尤其是晚上。
阳台上的花盆掉下来了。
时间太长了。
司机不让老人坐下。
古老的四合院被拆了。
简单的事情办得太复杂。
车辆乱停。
项目什么时候完工？
连续{cn}天停水。
费用太高。
卫生间没有纸。
应该早点通知。
师傅很负责。
沙发扔在楼道里。
明白了，谢谢。
麻烦尽快处理。
封闭管理什么时候结束？
惠民政策要落实到位。
班车取消了。
原因不明。
燕子在屋檐下做窝。
楼道灯坏了。
位置不好找。
花坛被踩坏了。
强烈要求整改。
盖章要跑好几个地方。
宣传栏被撕了。
门口堆满了快递盒。
容易滑倒。
敬老院的伙食不好。
普通话说不清楚。
羊肉串烧烤摊太吵。
阿姨们跳广场舞到十点。
修理费谁出？
宿舍没有热水。
鲜花店占道经营。
危险！小心高空坠物。
银行排队两个小时。
公交站牌被撞坏了。
居民意见很大。
干净整洁的环境需要大家维护。
元旦期间暂停办理。
信息不透明。
智能快递柜坏了。
植物都枯死了。
由于施工，绕行。
"""
    ),
}


def look_item(rng, lang, category):
    frames = LOOK_FRAMES[lang].get(category)
    fillers = FILLERS[lang]
    text = fill(rng, pick(rng, frames), fillers)
    if chance(rng, 0.25):
        # Two sentences of the same kind, as a longer answer would have them.
        text += ("" if lang == "zh" else " ") + fill(rng, pick(rng, frames), fillers)
    frame = dress(rng, lang, text.replace(SLOT, ""), wrap_p=0.0)
    return look(rng, lang, frame)


def cells():
    for lang in LANGS:
        for cat in PII_CATEGORIES:
            yield lang, "pii", cat
        for cat in LOOK_CATEGORIES:
            if cat in LOOK_FRAMES[lang]:
                yield lang, "look", cat


def clean(s):
    return "\t" not in s and "\n" not in s and "\r" not in s and s == s.strip() and s != ""


def main(argv):
    if len(argv) not in (2, 3):
        sys.stderr.write("usage: make_pii_heldout.py SEED [N]\n")
        return 2
    seed = int(argv[1])
    n = int(argv[2]) if len(argv) == 3 else 300
    out = []
    for lang, label, cat in cells():
        # Each cell draws from its own generator, seeded from SEED and the cell's name (a string
        # seed is hashed with SHA-512, not with Python's hash), so that no cell shifts another.
        rng = random.Random("%d/%s/%s/%s" % (seed, lang, label, cat))
        seen = set()
        made = 0
        attempts = 0
        while made < n:
            attempts += 1
            if attempts > 80 * n + 1000:
                sys.stderr.write("%s %s %s: only %d distinct items\n" % (lang, label, cat, made))
                return 1
            if label == "pii":
                try:
                    text, secrets = pii_item(rng, lang, cat)
                except Retry:
                    continue
            else:
                text, secrets = look_item(rng, lang, cat), []
            text = text.strip()
            if text in seen:
                continue
            if not clean(text) or not all(clean(x) for x in secrets):
                raise AssertionError("unclean item %r %r" % (text, secrets))
            for x in secrets:
                if x not in text:
                    raise AssertionError("secret %r not in %r" % (x, text))
            if label == "pii" and not secrets:
                raise AssertionError("pii item without secrets: %r" % text)
            seen.add(text)
            made += 1
            out.append("\t".join([lang, label, cat, text] + secrets))
    sys.stdout.write("\n".join(out) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
