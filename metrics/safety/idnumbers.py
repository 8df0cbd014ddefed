"""Account and identity numbers checked by `python-stdnum`, phone numbers placed by `phonenumbers` (libphonenumber).

Why: hand-written regexes knew the shape of a few formats but no checksums, so an IBAN
with dashes, an Italian codice fiscale or a Spanish DNI went unseen, and a phone written
nationally ("01 234567") could not be told to be the same line as its international form
("+43 1 234567") when the number is shorter than the last-9-digits rule needs. Here:

- IBANs of every country in any grouping ("NL91-ABNA-0417-1643-00", lower case): the
  country's length and structure plus the mod-97 check (`stdnum.iban`);
- national ID / tax numbers whose written shape alone is distinctive, each with its
  checksum (or check letter, or the birth date it holds): Chinese resident ID (also
  grouped 6-8-4), Italian codice fiscale, Spanish DNI / NIE, Brazilian CPF
  ("111.444.777-35"), Korean RRN, Indian PAN, Mexican CURP, Finnish HETU, Chilean RUT,
  French NIR (upper case only: a lower-case code in prose is rarely an ID). Numbers whose shape is shared with phones
  (Aadhaar 4-4-4, NHS 3-3-4, PESEL, BSN: one in ten or eleven random numbers passes their
  check) count only after a label ("Aadhaar", "NHS no.": `metrics.safety.pii.LABELLED_ID`);
- phones: `e164` reads a number in international form ("+44 (0)20...", "0044...") or in a
  region's national form (trunk 0 / 8 removed) as E.164; `public_line` says a number is a
  toll-free, shared-cost, premium or universal-access line (a business's, not a person's).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, Iterator

import phonenumbers
from stdnum import iban
from stdnum.au import tfn
from stdnum.be import nn
from stdnum.br import cpf
from stdnum.ca import sin
from stdnum.ch import ssn as ahv
from stdnum.cl import rut
from stdnum.cn import ric
from stdnum.de import idnr
from stdnum.dk import cpr
from stdnum.es import dni, nie
from stdnum.exceptions import ValidationError
from stdnum.fi import hetu
from stdnum.fr import nir
from stdnum.gb import nhs
from stdnum.ie import pps
from stdnum.in_ import aadhaar, pan
from stdnum.it import codicefiscale
from stdnum.jp import in_ as my_number
from stdnum.kr import rrn
from stdnum.mx import curp
from stdnum.nl import bsn
from stdnum.no import fodselsnummer
from stdnum.pl import pesel
from stdnum.se import personnummer
from stdnum.tr import tckimlik

# an IBAN candidate: country, check digits, then up to 10 groups (any separator); the longest valid prefix is taken
_IBAN = re.compile(r"(?<![\w-])[A-Z]{2}\d{2}(?:[ .-]?[A-Z0-9]{1,8}){2,10}", re.I)
_GROUP_END = re.compile(r"(?<=[A-Z0-9])(?=[ .-])", re.I)

def cn_ric_ok(number: str) -> bool:
    """A Chinese resident ID: a real birth date and the GB 11643 check character. Not `ric.is_valid`, whose table of
    birth places lacks districts in use (440305, Shenzhen Nanshan): the checksum and date are what tell an ID."""
    value = re.sub(r"[^0-9X]", "", number.upper())
    if len(value) != 18 or not value[:17].isdigit():
        return False
    try:
        ric.get_birth_date(value)
    except ValidationError:
        return False
    return ric.calc_check_digit(value) == value[17]


# written shapes distinctive enough to be a national number without a label; each is confirmed by its checksum
_IDS: tuple[tuple[str, str, Callable[[str], bool]], ...] = (
    ("cn-id", r"\d{6}[ -]?(?:18|19|20)\d{2}[ -]?\d{4}[ -]?\d{3}[\dXx]", cn_ric_ok),
    ("id", r"[A-Z]{6}[ ]?\d{2}[A-Z]\d{2}[ ]?[A-Z]\d{3}[A-Z]", codicefiscale.is_valid),
    ("id", r"(?:\d{8}|\d{2}\.\d{3}\.\d{3})[ -]?[A-Z]", dni.is_valid),
    ("id", r"[XYZ][ -]?\d{7}[ -]?[A-Z]", nie.is_valid),
    ("id", r"\d{3}\.\d{3}\.\d{3}-\d{2}", cpf.is_valid),
    ("id", r"\d{6}-[1-8]\d{6}", rrn.is_valid),
    ("id", r"[A-Z]{3}[ABCFGHJLPT][A-Z]\d{4}[A-Z]", pan.is_valid),
    ("id", r"[A-Z]{4}\d{6}[HM][A-Z]{5}[A-Z\d]\d", curp.is_valid),
    ("id", r"\d{6}[-+A]\d{3}[\dA-Y]", hetu.is_valid),
    ("id", r"\d{1,2}\.\d{3}\.\d{3}-[\dK]", rut.is_valid),
    ("id", r"[12] ?\d{2} ?\d{2} ?\d{2} ?\d{3} ?\d{3} ?\d{2}", nir.is_valid),
)
_ID = re.compile(r"(?<![\w.+-])(?=[A-Z\d])(?:" + "|".join(rx for _, rx, _ in _IDS) + r")(?![\w-]|[.,]\d)")
_ID_SHAPES = tuple(re.compile(rx) for _, rx, _ in _IDS)

# numbers whose shape a phone or an order number shares: an ID only after its scheme's name, in any grouping, checked
_NAMED: tuple[tuple[str, Callable[[str], bool]], ...] = (
    (r"aadhaar|आधार", aadhaar.is_valid), (r"nhs", nhs.is_valid), (r"pesel", pesel.is_valid), (r"bsn|burgerservicenummer", bsn.is_valid),
    (r"social\s+insurance", sin.is_valid), (r"tfn|tax\s+file", tfn.is_valid), (r"personnummer", personnummer.is_valid),
    (r"f[øo]dselsnummer", fodselsnummer.is_valid), (r"cpr", cpr.is_valid), (r"t\.?c\.?\s+kimlik|kimlik", tckimlik.is_valid),
    (r"rijksregisternummer|num[ée]ro\s+national|national\s+register", nn.is_valid), (r"ahv|avs", ahv.is_valid),
    (r"steuer-?id|steuer-?identifikationsnummer|identifikationsnummer", idnr.is_valid), (r"pps", pps.is_valid),
    (r"マイナンバー|個人番号", my_number.is_valid), (r"cpf", cpf.is_valid),
    (r"rrn|주민등록번호", rrn.is_valid),
)
_NAMED_ID = re.compile(  # the lookahead holds every label's first letter: most positions fail at once
    r"(?=[abcfiknprstआマ個주])(?:\b(?:" + "|".join(f"(?P<n{i}>{rx})" for i, (rx, _) in enumerate(_NAMED)) + r")\b|(?:マイナンバー|個人番号|주민등록번호))"
    r"[^\w\n]{0,3}(?:(?:number|no|nr|nummer|num[ée]ro|n[º°o]|#|id)\b\.?)?[^\w\n]{0,3}(?:is\s+)?"
    r"([0-9][0-9A-Z]{0,3}(?:[ ./-]?[0-9A-Z]{1,4}){2,7})",
    re.I,
)
_SEPARATOR = re.compile(r"(?<=[0-9A-Z])(?=[ ./-])", re.I)

_PUBLIC = frozenset({
    phonenumbers.PhoneNumberType.TOLL_FREE, phonenumbers.PhoneNumberType.PREMIUM_RATE,
    phonenumbers.PhoneNumberType.SHARED_COST, phonenumbers.PhoneNumberType.UAN,
})
# where a number in national form is tried when no other hint says where it is ("0800 ...", "1-800-...", "1800 ...")
DEFAULT_REGIONS = ("US", "GB", "DE", "FR", "ES", "IT", "NL", "AU", "IN", "CN", "JP", "BR")
_INTL = re.compile(r"^\s*(?:\+|00(?=[1-9])|011(?=[1-9]))")


def find_ibans(text: str) -> Iterator[tuple[tuple[int, int], str]]:
    """(span, compact upper-case IBAN) of every valid IBAN, whatever separates its groups."""
    for m in _IBAN.finditer(text):
        ends = [m.end()] + [e.start() + m.start() for e in reversed(list(_GROUP_END.finditer(m.group(0))))]
        for end in ends:  # the longest valid prefix: "... 0130 00 and" loses " and"
            value = text[m.start() : end]
            if iban.is_valid(value, check_country=False):
                yield (m.start(), end), iban.compact(value)
                break


def find_ids(text: str) -> Iterator[tuple[str, tuple[int, int], str]]:
    """(kind, span, compact key) of national ID / tax numbers in a distinctive written shape with a valid checksum."""
    for m in _ID.finditer(text):
        value = m.group(0)
        for (kind, _, valid), shape in zip(_IDS, _ID_SHAPES):  # the first shape whose check holds ("12345678Z": a DNI)
            if shape.fullmatch(value) and valid(value.upper()):
                yield kind, m.span(), re.sub(r"[^0-9A-Z]", "", value.upper())
                break


def find_named_ids(text: str) -> Iterator[tuple[tuple[int, int], str]]:
    """(span, compact key) of an ID number after the name of its scheme ("Aadhaar 2345 6789 0124", "NHS no.
    943 476 5919", "PESEL: 44051401359"), in any grouping, whose checksum holds (the longest valid prefix)."""
    for m in _NAMED_ID.finditer(text):
        valid = _NAMED[next((int(k[1:]) for k, v in m.groupdict().items() if v), _named_index(m.group(0)))][1]
        start, value = m.start(m.lastindex or 0), m.group(m.lastindex or 0)
        for end in [len(value)] + [e.start() for e in reversed(list(_SEPARATOR.finditer(value)))]:
            if valid(value[:end]):
                yield (start, start + end), re.sub(r"[^0-9A-Z]", "", value[:end].upper())
                break


def checksummed_label_at(text: str, pos: int) -> bool:
    """The name of a checksummed scheme starts at `pos` ("Aadhaar 2345 ..."): its value is an ID only if `find_named_ids` read it."""
    return _NAMED_ID.match(text, pos) is not None


def _named_index(label: str) -> int:
    """The scheme of a label written without word boundaries (Japanese, Korean)."""
    return next(i for i, (rx, _) in enumerate(_NAMED) if re.search(rx, label, re.I))


def is_international(surface: str) -> bool:
    """"+44 ...", "0044 ...", "011 44 ...": the number carries its country code."""
    return _INTL.match(surface) is not None


@lru_cache(maxsize=4096)
def _read(surface: str, region: str | None) -> phonenumbers.PhoneNumber | None:
    """The number read internationally, or as a national number of `region`; None when libphonenumber cannot place it."""
    text = re.sub(r"^\s*(?:00|011)(?=[1-9])", "+", surface) if is_international(surface) else surface
    try:
        return phonenumbers.parse(text, None if text.lstrip().startswith("+") else region)
    except phonenumbers.NumberParseException:
        return None


def e164(surface: str, region: str | None = None) -> str | None:
    """The number in E.164 ("+442079460958"), read internationally or as a national number of `region`; None when
    libphonenumber cannot place it. Validity is not required: fictional ranges (555-01xx) still compare."""
    number = _read(surface, region)
    return None if number is None else phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _valid_readings(surface: str, regions: tuple[str, ...]) -> Iterator[phonenumbers.PhoneNumber]:
    """Each valid reading of the number: its own country's when written internationally, else one per region of
    `regions` in which it is a valid national number."""
    for region in (None,) if is_international(surface) else regions:
        number = _read(surface, region)
        if number is not None and phonenumbers.is_valid_number(number):
            yield number


def valid_somewhere(surface: str, regions: tuple[str, ...] = DEFAULT_REGIONS) -> bool:
    """A valid phone number written internationally, or nationally in one of `regions` ("0170 / 123 45 67")."""
    return next(_valid_readings(surface, regions), None) is not None


def region_of(e164_number: str) -> str | None:
    """The main region of an E.164 number's country code ("+44..." -> "GB")."""
    try:
        code = phonenumbers.parse(e164_number).country_code
    except phonenumbers.NumberParseException:
        return None
    region = phonenumbers.region_code_for_country_code(code) if code else phonenumbers.UNKNOWN_REGION
    return None if region == phonenumbers.UNKNOWN_REGION else region


def public_line(surface: str, cued: bool = False, regions: tuple[str, ...] = DEFAULT_REGIONS) -> bool:
    """A business's public line, not a private person's: a valid toll-free / shared-cost / premium / universal-access
    number. Written internationally its country decides; nationally it must read so in more of `regions` than it reads
    as a private line ("0800 123 4567"; "090-1234-5678" is premium in the Netherlands but a mobile in Japan, Britain,
    India, China), or in one of them when the text calls it a helpline (`cued`)."""
    kinds = [phonenumbers.number_type(n) in _PUBLIC for n in _valid_readings(surface, regions)]
    public = sum(kinds)
    return public > len(kinds) - public or (cued and public > 0)
