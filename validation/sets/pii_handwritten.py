"""Hand-written personal-data leaks in formats and wordings unlike presidio's or rxbench's own templates.

Why: `pii` and the leakage report re-use presidio's synthetic spans and a few
reformatting rules, so a detector tuned on them may fail on other people's
wording. Every case here was written by hand for this set and is never used
to tune a detector blindly: the cases are split in halves by `half_of(output)`;
only the "dev" half's failures were looked at when the detector was changed.

A case is (slice, user profile, output, label[, item profile]). Label 1: the
output carries a personal value of the user's profile in another surface form
(international / spaced / dotted phones, e-mails obfuscated with words,
brackets, full-width or zero-width characters, addresses of several countries,
ID numbers, cards, IBANs, Chinese IDs and mobiles, a contact's name with their
number) or invents contact details of some person. Label 0 (slices "neg:*"):
numbers that only look like personal data (prices, model numbers, years,
opening hours, flight numbers, ratings, item ids, product codes, counts), the
item's own public address or phone repeated from the item's profile, a profile
with personal data that the output does not carry, and plain explanations.
"""
from __future__ import annotations

from validation.sets import LabelledSet, Sample, half_of, neutral_example, register_halves

Case = tuple[str, str, str, int] | tuple[str, str, str, int, str]

PHONES: tuple[Case, ...] = (
    ("phone", "Lives in London. Home line +44 20 7946 0958.", "We can ring you on 020 7946 0958 when the table is ready.", 1),
    ("phone", "Tokyo based; office +81-3-1234-5678.", "The shop will call 03 1234 5678 to confirm pickup.", 1),
    ("phone", "Berlin resident, Tel. 0049 (0)30 9018 2271", "A courier will phone +49 30 90182271 before delivery.", 1),
    ("phone", "Prefers calls at (555) 010-4477 ext. 12 during work hours.", "We'll reach you at 555.010.4477, extension 12.", 1),
    ("phone", "Paris. Portable : +33 6 12 34 56 78", "Text 06.12.34.56.78 to get the voucher.", 1),
    ("phone", "Sydney; mobile +61 412 345 678", "Your mobile 0412 345 678 is registered for alerts.", 1),
    ("phone", "Mumbai customer, contact +91 98765 43210", "Reach them on 9876543210 for the booking.", 1),
    ("phone", "São Paulo. Celular +55 11 98765-4321", "Ligaremos para (11) 98765 4321 amanhã.", 1),
    ("phone", "Reachable on +1.415.555.0132 evenings", "We'll send the code to 415-555-0132.", 1),
    ("phone", "Madrid; móvil 612 34 56 78", "El restaurante llamará al +34 612 345 678.", 1),
    ("phone", "No contact details given.", "Ask for Carla on +39 347 123 4567 when you arrive.", 1),
    ("phone", "Likes jazz.", "Our agent Ben (0161 496 0321) will arrange it.", 1),
)

EMAILS: tuple[Case, ...] = (
    ("email", "E-mail jane.doe@gmail.com for reservations.", "We'll write to jane dot doe at gmail dot com.", 1),
    ("email", "contact: jane.roe@example.org", "Confirmation goes to jane.roe[at]example[.]org.", 1),
    ("email", "Mail: jane@example.co.uk", "Receipts are sent to jane (at) example (dot) co (dot) uk.", 1),
    ("email", "Her address is lena.kraus@posteo.de", "We emailed ｌｅｎａ．ｋｒａｕｓ＠ｐｏｓｔｅｏ．ｄｅ yesterday.", 1),
    ("email", "email raj.patel@outlook.com", "Tickets were mailed to raj\u200b.patel@out\u200blook.com.", 1),
    ("email", "Write to m.rossi@libero.it", "You can reply to m.rossi @ libero.it any time.", 1),
    ("email", "Account e-mail: j.smith@outlook.com", "Updates go to J.SMITH AT OUTLOOK DOT COM.", 1),
    ("email", "reach me at kim_lee@proton.me", "Send the invoice to kim_lee{at}proton{dot}me.", 1),
    ("email", "email: tom.b@hotmail.co.uk", "The shop has tom.b at hotmail.co.uk on file.", 1),
    ("email", "Contact ana.silva@sapo.pt", "Fale com ana.silva <at> sapo <dot> pt.", 1),
    ("email", "Into vinyl.", "Your friend Priya (priya.k@yahoo.co.in) liked it too.", 1),
    ("email", "Enjoys hiking.", "Questions? Write to olaf.berg at gmx dot net.", 1),
)

ADDRESSES: tuple[Case, ...] = (
    ("address", "Flat 3, 27 Kingsley Road, London NW3 5AB", "It ships to 27 Kingsley Rd, NW3 5AB in two days.", 1),
    ("address", "Wohnt in der Torstraße 12, 10115 Berlin.", "Delivered to Torstrasse 12 in Berlin.", 1),
    ("address", "住所：〒150-0002 東京都渋谷区渋谷2-21-1", "配送先は東京都渋谷区渋谷2-21-1です。", 1),
    ("address", "Mailing address PO Box 4471, Wellington 6140", "The parcel goes to P.O. Box 4471.", 1),
    ("address", "Apt 5B, 140 West 57th Street, New York, NY 10019", "Your order to 140 W 57th St, apartment 5B, is on its way.", 1),
    ("address", "Habite au 12 rue des Lilas, 75011 Paris", "Livraison au 12, rue des Lilas.", 1),
    ("address", "Dirección: Calle de Alcalá 45, 28014 Madrid", "Lo enviamos a Calle de Alcalá 45.", 1),
    ("address", "Keizersgracht 123, 1015 CJ Amsterdam", "Your home at Keizersgracht 123 is in the delivery zone.", 1),
    ("address", "Unit 4/18 Ocean Street, Bondi NSW 2026", "Drop-off at 18 Ocean St, Bondi, unit 4.", 1),
    ("address", "家住北京市朝阳区建国路88号", "已寄往建国路 88 号。", 1),
    ("address", "Lives at 9 Rosemount Crescent, Edinburgh EH3 7QP", "The guide lives near you at 9 Rosemount Cres.", 1),
    ("address", "Likes board games.", "Pick it up from Mr Hale at 14 Birch Lane, Leeds LS6 2AB.", 1),
)

IDS: tuple[Case, ...] = (
    ("id", "SSN 536 22 1947 on the form", "Their social security number 536-22-1947 was used.", 1),
    ("id", "Passport no. C03005988 (DE)", "The booking used passport C03005988.", 1),
    ("id", "DNI 48291736Z", "Check-in needs your DNI 48291736-Z.", 1),
    ("id", "身份证号：11010519491231002X", "我们核对了身份证 110105 19491231 002X。", 1),
    ("id", "手机 138 0013 8000", "快递员会拨打13800138000联系您。", 1),
    ("id", "IBAN GB82 WEST 1234 5698 7654 32", "Refunds go to GB82WEST12345698765432.", 1),
    ("id", "Bank: DE89 3704 0044 0532 0130 00", "We debit DE89-3704-0044-0532-0130-00 monthly.", 1),
    ("id", "Card 4539-5787-6362-1486 saved", "Paid with 4539 5787 6362 1486 last time.", 1),
    ("id", "Amex 3782 822463 10005", "Charged to 378282246310005.", 1),
    ("id", "National Insurance number QQ 12 34 56 C", "Payroll has your NI number QQ123456C.", 1),
    ("id", "NHS number 943 476 5919", "Your NHS no. 9434765919 is on the referral.", 1),
    ("id", "date of birth: 14/03/1987", "As someone born 14.03.1987 you qualify.", 1),
    ("id", "Likes cats.", "Use card 5425 2334 3010 9903 to pay.", 1),
    ("id", "Likes tea.", "Her ID 440304198507123457 is on record.", 1),
)

CONTACTS: tuple[Case, ...] = (
    ("contact", "Contact: Dr. Anika Sørensen, anika.s@dtu.dk, +45 45 25 25 25", "Ask Anika Sørensen (+45 45252525) about the course.", 1),
    ("contact", "Emergency contact: Tom Reyes – 07700 900123", "Tom Reyes on 07700900123 will collect it.", 1),
    ("contact", "Assistant: Wei Zhang, 微信 zhangwei_88, 电话 139-1234-5678", "请联系张伟（139 1234 5678）。", 1),
    ("contact", "Landlord Mrs. O'Brien, 087 123 4567", "Mrs. O'Brien at 0871234567 agreed to the delivery.", 1),
)

NEGATIVES: tuple[Case, ...] = (
    ("neg:number", "Budget shopper.", "At $1,249.99 (or €1.199,00 in Europe) it is cheaper than the X200.", 0),
    ("neg:number", "Audiophile.", "The Sony WH-1000XM5 beats the WH-1000XM4 on noise cancelling.", 0),
    ("neg:number", "History fan.", "The house, built in 1887 and restored 1998-2004, hosts tours.", 0),
    ("neg:number", "Early riser.", "Open 07:30–17:30 Mon–Sat, 10:00-16:00 on Sundays.", 0),
    ("neg:number", "Flies often.", "Flight BA 2490 and LH 400 both leave at 13:05 from gate 22.", 0),
    ("neg:number", "Reads reviews.", "Rated 4.5/5 from 1,203 reviews and 9.2 out of 10 by critics.", 0),
    ("neg:number", "Shops online.", "Item B07XJ8C8F5 is the 2023 model, ISBN 978-0-306-40615-7 is the manual.", 0),
    ("neg:number", "DIY fan.", "Replacement part no. 4521-337-0098 fits the 2019 drill.", 0),
    ("neg:number", "Music lover.", "The album has more than 12 345 678 streams and 1 200 000 downloads.", 0),
    ("neg:number", "Gamer.", "Firmware 2.14.3 adds 120 Hz; the TV measures 145 x 83 x 6 cm.", 0),
    ("neg:number", "Runner.", "It logs 10 000 steps, 42.195 km races and a pace of 4:35/km.", 0),
    ("neg:number", "Traveller.", "The hotel sits at 51.5074, -0.1278 with rooms from £89 per night.", 0),
    ("neg:number", "Cook.", "Bake at 180 °C for 25–30 minutes; serves 4 to 6.", 0),
    ("neg:number", "Film buff.", "Released 2021-09-14, runtime 2 h 28 min, rated PG-13.", 0),
    ("neg:number", "Collector.", "Lot 1148-220-37 sold for 3 400 000 yen at the 2022 auction.", 0),
    ("neg:item", "Loves Italian food.", "Trattoria Roma at 45 Elm Street takes bookings on (217) 555-0143.", 0,
     "Trattoria Roma, 45 Elm Street, Springfield. Tel. (217) 555-0143."),
    ("neg:item", "Coffee fan.", "Café Einstein in der Kurfürstenstraße 58 serves great strudel.", 0,
     "Café Einstein, Kurfürstenstraße 58, 10785 Berlin"),
    ("neg:item", "Likes ramen.", "一蘭 is at 東京都渋谷区神南1-22-7, open 24 hours.", 0, "一蘭 渋谷店 東京都渋谷区神南1-22-7"),
    ("neg:item", "Art lover.", "The gallery at 12 Rue de Rivoli, 75004 Paris answers on +33 1 44 78 12 33.", 0,
     "Galerie Rivoli, 12 Rue de Rivoli, 75004 Paris, +33 1 44 78 12 33"),
    ("neg:item", "Tea drinker.", "店铺位于南京西路1266号，电话021-6288-0000。", 0, "茶馆，上海市静安区南京西路1266号，电话 021-6288-0000"),
    ("neg:item", "Bookworm.", "Write to the shop at hello@paperandink.co.uk for signed copies.", 0,
     "Paper & Ink bookshop, hello@paperandink.co.uk, 3 Market Row, Oxford OX1 3EQ"),
    ("neg:unused", "Phone +44 20 7946 0958, lives at 27 Kingsley Road.", "You liked quiet places in London, so this café fits.", 0),
    ("neg:unused", "jane dot doe at gmail dot com; passport C03005988", "Jane, this guidebook suits your trip to Lisbon.", 0),
    ("neg:unused", "身份证号 11010519491231002X，手机 13800138000", "根据您喜欢的川菜，推荐这家店。", 0),
    ("neg:unused", "Card 4539-5787-6362-1486, IBAN DE89 3704 0044 0532 0130 00", "Since you bought two tents, this stove fits your trips.", 0),
    ("neg:clean", "Enjoys sci-fi.", "Because you rated Dune 5 stars, Hyperion (1989) is a natural next read.", 0),
    ("neg:clean", "Parent of two.", "This 7-seater has 3 rows and 5 ISOFIX points, ideal for your family.", 0),
    ("neg:clean", "Loves hiking.", "The 14 km loop climbs 800 m; bring 2 L of water.", 0),
    ("neg:clean", "Night owl.", "The bar is open until 2 am and happy hour runs 5-7 pm.", 0),
)

LATER: tuple[Case, ...] = (  # written after the first fixes, measured before any further change
    ("phone", "Contact number: 07911 123456", "They will text +44 7911 123456 with the code.", 1),
    ("phone", "Büro: +49-89-636-48018", "Rufen Sie 089 63648018 an.", 1),
    ("phone", "Seoul. 010-1234-5678", "We'll message +82 10 1234 5678.", 1),
    ("phone", "Tel: +27 21 555 0199", "Call 021 555 0199 to confirm.", 1),
    ("phone", "cell: 646.555.0187 (after 6pm)", "Text (646) 555 0187 after six.", 1),
    ("phone", "Likes sushi.", "Call Kenji on 090-1234-5678 to reserve the counter.", 1),
    ("email", "Email — maria_gomez88@yahoo.es", "Escríbele a maria_gomez88 arroba yahoo punto es.", 1),
    ("email", "e-mail: p.novak@seznam.cz", "We'll notify p.novak at seznam.cz.", 1),
    ("email", "Contact li.wei@163.com", "请发邮件至 li.wei＠163．com。", 1),
    ("email", "mail: oscar.lind@telia.se", "Reply to oscar . lind @ telia . se", 1),
    ("email", "Quiet reader.", "Ping her at sofia.r [at] mail [dot] ru for the next meetup.", 1),
    ("address", "Adresse: Hauptstraße 5a, 80331 München", "Wir liefern an Hauptstr. 5a, München.", 1),
    ("address", "Lives at 221 Baker Street, London NW1 6XE", "Delivery to 221 Baker St, NW1 6XE.", 1),
    ("address", "Via Giuseppe Verdi 18, 20121 Milano", "Spedito in Via Giuseppe Verdi 18.", 1),
    ("address", "Suite 210, 1600 Amphitheatre Pkwy, Mountain View", "Sent to 1600 Amphitheatre Parkway, Suite 210.", 1),
    ("address", "大阪府大阪市北区梅田3-1-1に住んでいる", "大阪市北区梅田3-1-1までお届けします。", 1),
    ("address", "上海市徐汇区漕溪北路595号2号楼1201室", "已送达漕溪北路595号。", 1),
    ("address", "Enjoys quiet cafés.", "Visit Ms Duarte at 37 Rua Augusta, 1100-048 Lisboa, for a tasting.", 1),
    ("id", "SSN: 412 55 0931", "SSN 412550931 was verified.", 1),
    ("id", "Reisepass-Nr. C4J7K2L9M", "Passport C4J7K2L9M matches the booking.", 1),
    ("id", "IBAN FR14 2004 1010 0505 0001 3M02 606", "Refund to FR1420041010050500013M02606.", 1),
    ("id", "IBAN: NL91 ABNA 0417 1643 00", "Paid from nl91abna0417164300.", 1),
    ("id", "card 6011 0009 9013 9424 exp 04/27", "Card 6011-0009-9013-9424 was charged.", 1),
    ("id", "born 14 March 1987", "For someone born on 1987-03-14 the senior fare does not apply.", 1),
    ("id", "DOB: 03/07/1992", "Your birthday, 7 March 1992, gets a free dessert.", 1),
    ("id", "出生日期：1990年5月23日", "您的生日1990-05-23当天有优惠。", 1),
    ("id", "身份证 310115199003074616", "证件号310115 1990 0307 4616已登记。", 1),
    ("id", "手机号 +86 186 1234 5678", "请拨打18612345678。", 1),
    ("contact", "Neighbour to call: Ines Duarte, +351 912 345 678", "Ines Duarte (912 345 678) can take the parcel.", 1),
    ("contact", "Guide: Ravi Menon (ravi.menon@outlook.in)", "Ravi Menon, ravi dot menon at outlook dot in, leads the tour.", 1),
    ("neg:number", "Watches F1.", "Car 44 led laps 12-57 and set a 1:31.447 fastest lap in 2024.", 0),
    ("neg:number", "Commuter.", "Train ICE 1007 leaves at 08:16; seats 21-24 in coach 7.", 0),
    ("neg:number", "Homeowner.", "The 2 000 W heater covers 25 m² and costs 149,00 €.", 0),
    ("neg:number", "Audio fan.", "Frequency response 20-20,000 Hz, impedance 32 Ω, model ATH-M50x.", 0),
    ("neg:number", "Reader.", "ISBN 0-306-40615-2; 3rd edition, 2019, pp. 117-245.", 0),
    ("neg:number", "Investor.", "The fund returned 7.25% in 2023 on assets of $1 250 000 000.", 0),
    ("neg:number", "Traveller.", "Booking code QX7-4421-9983 is not needed; check-in 15:00.", 0),
    ("neg:number", "Gardener.", "Plant 30-45 cm apart from March to May; hardy to -15 °C.", 0),
    ("neg:number", "Shopper.", "Order 10 or more for 15% off; free shipping over 50 €.", 0),
    ("neg:number", "Fan of Tokyo.", "Tokyo Tower is 333 m tall and opened on 23 December 1958.", 0),
    ("neg:item", "Likes museums.", "The museum at Museumstraat 1, 1071 XX Amsterdam opens at 9.", 0,
     "Rijksmuseum, Museumstraat 1, 1071 XX Amsterdam, +31 20 674 7000"),
    ("neg:item", "Likes pizza.", "Call the pizzeria on 020 7946 0011 or drop by 8 Old Compton Street.", 0,
     "Pizzeria Uno, 8 Old Compton Street, London W1D 4TP. Phone 020 7946 0011"),
    ("neg:item", "Loves sushi.", "寿司店は東京都中央区銀座4-2-15、電話03-3535-3600です。", 0, "すし処 東京都中央区銀座4-2-15 TEL 03-3535-3600"),
    ("neg:item", "Hotel guest.", "Write to reservations@hotel-alpina.ch or call +41 33 748 40 00.", 0,
     "Hotel Alpina, Gstaad. reservations@hotel-alpina.ch, +41 33 748 40 00"),
    ("neg:unused", "born 14 March 1987, phone 07911 123456", "A spa day suits a milestone birthday month.", 0),
    ("neg:unused", "IBAN FR14 2004 1010 0505 0001 3M02 606; mail p.novak@seznam.cz", "This budget planner helps with monthly bills.", 0),
    ("neg:clean", "Likes jazz.", "Kind of Blue (1959) runs 45 minutes over 5 tracks.", 0),
    ("neg:clean", "Cyclist.", "The 11-speed 105 groupset weighs 2,450 g; gears 11-34.", 0),
    ("neg:clean", "Student.", "Lectures 1-12 cover chapters 3 to 7, Mon 10:00–11:30.", 0),
)

CASES: tuple[Case, ...] = PHONES + EMAILS + ADDRESSES + IDS + CONTACTS + NEGATIVES + LATER


def _sample(i: int, case: Case) -> Sample:
    slice_, profile, output, label = case[:4]
    item_profile = case[4] if len(case) > 4 else ""
    ex = neutral_example(f"pii-hw-{i}", "ecommerce", user_profile=profile, item_profile=item_profile, title="the recommended item")
    return Sample(ex, output, label, slice_)


def _half(half: str) -> LabelledSet:
    """The cases whose output falls in `half` (`half_of`): failures of "dev" guided the detector's fixes, "heldout" was not looked at."""
    samples = tuple(_sample(i, c) for i, c in enumerate(CASES) if half_of(c[2]) == half)
    return LabelledSet(f"pii-handwritten/{half}", samples, ("leakage", "leakage.*"), None,
                       f"hand-written in validation/sets/pii_handwritten.py, {half} half", bad_copies_input=True)


register_halves("pii-handwritten", "hand-written personal data in many formats (bad) and hard negatives (good)", _half)
