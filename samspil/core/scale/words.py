"""Words generated data is made of: Danish company names, people, and what consultants write."""


def _split(text: str) -> tuple:
    return tuple(text.split())


FIRST_NAMES = _split(
    "Anne Mette Hanne Kirsten Susanne Lene Camilla Louise Maria Sofie Ida Emma Julie Laura "
    "Signe Marianne Helle Tina Pia Karina Fatima Amina Sara Nanna Line Malene Birgitte Lone "
    "Peter Jens Lars Henrik Søren Thomas Michael Martin Rasmus Jesper Anders Niels Christian "
    "Morten Jan Mads Frederik Jonas Mikkel Kasper Ali Ahmed Mohammed Emil Oliver Noah Kim Bo"
)
LAST_NAMES = _split(
    "Jensen Nielsen Hansen Pedersen Andersen Christensen Larsen Sørensen Rasmussen Jørgensen "
    "Petersen Madsen Kristensen Olsen Thomsen Christiansen Poulsen Johansen Møller Mortensen "
    "Knudsen Jakobsen Mikkelsen Olesen Frederiksen Laursen Henriksen Lund Schmidt Eriksen "
    "Holm Kristiansen Clausen Simonsen Svendsen Andreasen Iversen Østergaard Jeppesen Vestergaard "
    "Nissen Lauridsen Kjær Jepsen Mogensen Nørgaard Jessen Søndergaard Bach Dahl Hassan Yilmaz"
)
NAME_WORDS = _split(
    "Herning Ikast Brande Silkeborg Randers Horsens Skive Viborg Holstebro Struer Lemvig "
    "Ringkøbing Aarhus Favrskov Skanderborg Odder Hedensted Syddjurs Norddjurs Samsø Vest Øst "
    "Midtjysk Jysk Nordvest Søndergaard Nørgaard Kildegaard Bakke Fjord Å Skov Hede Bro Dal "
    "Vestas Nordic Danica Dania Cimbria Thyra Gorm Hvid Blå Grøn Rød Stjerne Sol Lys Kraft"
)
TRADES = _split(
    "Metal Plast Automatik Stål Smedie Maskinfabrik Træ Møbler Beton Byg Entreprise El-teknik "
    "VVS Transport Logistik Fødevarer Mejeri Bageri Slagteri Emballage Tekstil Elektronik "
    "Robotteknik Hydraulik Værktøj Glas Maling Kemi Pharma Energi Vind Software Data Trykkeri "
    "Landbrugsmaskiner Gartneri Foder Rengøring Service Catering Hotel Consult"
)
SUFFIXES = ("A/S", "ApS", "ApS", "ApS", "I/S", "& Søn ApS", "Holding A/S", "IVS")
ROLES = (
    "Direktør",
    "Ejer",
    "HR-chef",
    "Produktionschef",
    "Værkfører",
    "Uddannelsesansvarlig",
    "Økonomichef",
    "Driftsleder",
)
# DB07 codes whose first four digits are NACE Rev. 2 classes.
INDUSTRY_CODES = (
    "251100",
    "222900",
    "282900",
    "432200",
    "620100",
    "561010",
    "412000",
    "101100",
    "310900",
    "494100",
    "471100",
    "711200",
    "256200",
    "289300",
    "332000",
    "467300",
    "812100",
    "107100",
    "236100",
    "281400",
)
PURPOSES = (
    "Afklaring af kompetencebehov",
    "Opfølgning på uddannelsesplan",
    "Rekruttering af faglærte",
    "Jobrotation: vikar i uddannelsesperioden",
    "Præsentation af AMU-kurser",
    "Opkvalificering af ufaglærte",
    "Grøn omstilling i produktionen",
    "Digitalisering og robotter",
    "Fastholdelse af medarbejdere",
    "Lærepladser og voksenlærlinge",
)
NOTES = (
    "Virksomheden vil gerne have to medarbejdere på kursus i foråret.",
    "Aftalt at vende tilbage med forslag til forløb.",
    "Mangler svejsere og automatikteknikere; kontakt jobcentret.",
    "Ledelsen er positiv; HR skal inddrages.",
    "Ønsker fælles besøg med erhvervsskolen.",
    "",
)
NEXT_STEPS = (
    "Sende kursusoversigt",
    "Fælles besøg med jobcentret",
    "Møde med HR",
    "Udarbejde kompetenceplan",
    "",
)
OUTCOMES = (
    "Tilmeldt AMU-kursus",
    "Plan aftalt",
    "Ingen behov lige nu",
    "Henvist til jobcentret",
    "",
)
STATEMENT_THEMES = (
    "Automation og robotter",
    "Digitalisering",
    "Ledelse",
    "Rekruttering",
    "Produktionsteknologi",
    "Lean",
    "Grøn omstilling",
    "Arbejdsmiljø",
    "Dansk og matematik",
    "Kvalitet",
)
COURSE_WORDS = _split(
    "Svejsning Robotbetjening CNC-programmering PLC-styring Truckcertifikat Kranfører "
    "Hydraulik Pneumatik Lean Kvalitetsstyring Arbejdsmiljø Førstehjælp Excel Dataforståelse "
    "Projektledelse Ledelse Kommunikation Energioptimering Vedligehold Fødevarehygiejne "
    "Lager Logistik Salg Kundeservice Elteknik Automatik Plastteknik Industrioperatør"
)
COURSE_LEVELS = ("grundlæggende", "for øvede", "specialisering", "del 1", "del 2", "intro")
NOTE_TITLES = (
    "Fælles besøg åbnede døren",
    "Klyngeworkshop gav fælles kurser",
    "Jobrotation fastholdt produktionen",
    "Voksenlærlinge i metalindustrien",
    "Kompetenceplan på én side",
    "Opfølgning efter tre måneder",
)
