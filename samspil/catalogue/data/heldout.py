"""The held-out evaluation set for matching: never used to choose a weight or a threshold.

Written before any tuning, apart from the tuning set in ``evaluation.py`` and by other rules:
course titles and descriptions as providers publish them (AMU courses with their number and
target group, EUV, academy and diploma modules, VUC and FVU, Swedish YH and Komvux courses in
Swedish, a few English-language courses), and needs as companies phrase them in surveys and
workshops: short, in their own words, sometimes with a complaint rather than a course name.
Some needs are written in one language while the best course is described in another, and some
have no fitting course in the catalogue at all (an empty list): the ranking should say so.
"""

# name, municipality code (None: a Swedish provider, no Danish municipality)
PROVIDERS = [
    ("EUC Syd", 540),
    ("Business Academy SouthWest", 561),
    ("VUC Syd", 621),
    ("AMU Syd", 561),
    ("Yrkeshögskolan Malmö", None),
    ("Komvux Helsingborg", None),
]

# id, competence area, kind, title, description
COURSES = [
    (
        "h-tig",
        "Svejsning og metal",
        "amu_course",
        "TIG-svejsning af rustfaste plader og rør (AMU 40104)",
        "Deltageren kan TIG-svejse stumpsømme og kantsømme i rustfrit stål i alle "
        "positioner efter svejseprocedure (WPS). Målgruppe: smede og operatører i "
        "fødevare- og procesindustrien.",
    ),
    (
        "h-mag",
        "Svejsning og metal",
        "amu_course",
        "MAG-svejsning, kantsømme i plade (AMU 40120)",
        "Kantsømme i ulegeret stål med MAG-metoden, svejsning i PA- og PB-position. "
        "Kurset giver grundlag for certificering efter DS/EN ISO 9606-1.",
    ),
    (
        "h-cert",
        "Svejsning og metal",
        "amu_course",
        "Svejsecertifikat – prøve efter DS/EN ISO 9606-1",
        "Forberedelse og afprøvning til svejsecertifikat. For svejsere, der skal dokumentere "
        "deres kompetencer over for kunder.",
    ),
    (
        "h-smed",
        "Svejsning og metal",
        "euv",
        "Smed, bearbejdning – EUV for voksne",
        "Erhvervsuddannelse for voksne over 25 år. Realkompetencevurdering afkorter "
        "forløbet; praktik i egen virksomhed.",
    ),
    (
        "h-plc",
        "Automation og robotter",
        "amu_course",
        "PLC-programmering – grundlæggende (AMU 44781)",
        "Opbygning af PLC-programmer med digitale ind- og udgange, timere og tællere. "
        "Fejlfinding i styringer på produktionsanlæg.",
    ),
    (
        "h-robot",
        "Automation og robotter",
        "amu_course",
        "Robotsvejsning – programmering og opstilling",
        "Programmering af svejserobotter, banekorrektion og opspænding. For svejsere og "
        "operatører, der skal betjene robotceller.",
    ),
    (
        "h-cobot",
        "Automation og robotter",
        "amu_course",
        "Cobots i produktionen – opsætning og risikovurdering",
        "Installation og programmering af kollaborative robotter, risikovurdering efter "
        "maskindirektivet, samarbejde mellem robot og operatør.",
    ),
    (
        "h-hydr",
        "Produktionsteknologi",
        "amu_course",
        "Hydraulik – fejlfinding og vedligehold",
        "Læsning af hydraulikdiagrammer, fejlfinding på pumper, ventiler og cylindre, "
        "forebyggende vedligehold.",
    ),
    (
        "h-cnc",
        "Produktionsteknologi",
        "amu_course",
        "CNC-fræsning – programmering og opstilling",
        "Opstilling af CNC-fræsere, nulpunkter, værktøjsopmåling og enkel programmering i "
        "ISO-kode. For operatører i metalindustrien.",
    ),
    (
        "h-opr",
        "Produktionsteknologi",
        "euv",
        "Industrioperatør – EUV",
        "Faglært industrioperatør for voksne ufaglærte med erfaring fra produktionen. "
        "Grundforløb kan springes over efter realkompetencevurdering.",
    ),
    (
        "h-kval",
        "Produktionsteknologi",
        "amu_course",
        "Kvalitetsstyring og måleteknik i produktionen",
        "Måleinstrumenter, måleprotokoller, tolerancer og dokumentation af kvalitet efter "
        "ISO 9001.",
    ),
    (
        "h-lean",
        "Lean og løbende forbedringer",
        "amu_course",
        "Lean – værktøjer til daglige forbedringer",
        "Tavlemøder, 5S, standardisering og problemløsning med PDCA i teams.",
    ),
    (
        "h-ledak",
        "Ledelse",
        "academy_module",
        "Akademiuddannelsen i ledelse: Ledelse af forandringer (10 ECTS)",
        "Modulet giver lederen redskaber til at planlægge og gennemføre forandringsprocesser "
        "og håndtere modstand hos medarbejderne.",
    ),
    (
        "h-ledgr",
        "Ledelse",
        "amu_course",
        "Grundlæggende lederuddannelse for arbejdsledere",
        "Kursus for nye formænd og arbejdsledere: rollen som leder, kommunikation, "
        "delegering og den vanskelige samtale.",
    ),
    (
        "h-coach",
        "Ledelse",
        "academy_module",
        "Coaching som ledelsesværktøj (5 ECTS)",
        "Coachende samtaler, aktiv lytning og spørgeteknik i personaleledelse.",
    ),
    (
        "h-proj",
        "Ledelse",
        "academy_module",
        "Projektledelse i praksis (10 ECTS)",
        "Planlægning, risikostyring, interessenter og opfølgning i projekter.",
    ),
    (
        "h-excel",
        "Digitalisering",
        "amu_course",
        "Regneark – Excel til beregninger og rapporter",
        "Formler, pivottabeller og diagrammer til brug i administration og produktion.",
    ),
    (
        "h-m365",
        "Digitalisering",
        "amu_course",
        "Microsoft 365 – Teams, SharePoint og OneDrive i samarbejdet",
        "Deling af dokumenter, møder og kanaler; digitalt samarbejde på kontor og værksted.",
    ),
    (
        "h-cyber",
        "IT og programmering",
        "amu_course",
        "IT-sikkerhed for medarbejdere – phishing, passwords og data",
        "Kend tegnene på svindelmails, brug sikre adgangskoder og to-faktor-godkendelse, og "
        "beskyt virksomhedens data.",
    ),
    (
        "h-gdpr",
        "IT og programmering",
        "single_subject",
        "Persondataforordningen (GDPR) i praksis",
        "Regler for behandling af personoplysninger om kunder og medarbejdere, "
        "databehandleraftaler og sikkerhedsbrud.",
    ),
    (
        "h-fvudk",
        "Dansk og matematik",
        "fvu",
        "FVU-læsning trin 1–4",
        "Forberedende voksenundervisning: bliv bedre til at læse og skrive til jobbet. "
        "Gratis og kan foregå på arbejdspladsen.",
    ),
    (
        "h-fvumat",
        "Dansk og matematik",
        "fvu",
        "FVU-matematik trin 1–2",
        "Talforståelse, procent, måleenheder og aflæsning af tabeller i arbejdet.",
    ),
    (
        "h-danskas",
        "Dansk og matematik",
        "single_subject",
        "Dansk som andetsprog – arbejdspladsdansk",
        "Mundtligt og skriftligt dansk for medarbejdere med et andet modersmål, tilrettelagt "
        "efter virksomhedens fagsprog.",
    ),
    (
        "h-hfenk",
        "Dansk og matematik",
        "single_subject",
        "Engelsk C – hf-enkeltfag på VUC",
        "Engelsk på C-niveau: læse, skrive og tale engelsk i arbejdsliv og hverdag.",
    ),
    (
        "h-truck",
        "Transport og logistik",
        "amu_course",
        "Gaffeltruck certifikatkursus B (AMU 47592)",
        "Certifikat til gaffeltruck med løftehøjde over 1 meter. Sikker kørsel, "
        "lastdiagrammer og daglig eftersyn.",
    ),
    (
        "h-lager",
        "Transport og logistik",
        "amu_course",
        "Lagerstyring og vareflow",
        "Placering, plukning, stregkoder og lagerstyringssystemer for lagermedarbejdere.",
    ),
    (
        "h-kran",
        "Transport og logistik",
        "amu_course",
        "Mobilkran – certifikat og anhugning",
        "Betjening af mobilkran, signaler, anhugning af byrder og sikkerhed på pladsen.",
    ),
    (
        "h-hyg",
        "Fødevarer og hygiejne",
        "amu_course",
        "Hygiejnebevis – fødevarehygiejne for ansatte (AMU 40990)",
        "Personlig hygiejne, rengøring, temperaturer og egenkontrol efter HACCP for ansatte, "
        "der håndterer fødevarer.",
    ),
    (
        "h-slagt",
        "Fødevarer og hygiejne",
        "euv",
        "Slagter – EUV for voksne i kødindustrien",
        "Faglært uddannelse for voksne i slagterier og kødforarbejdning.",
    ),
    (
        "h-varme",
        "Energi, el og VVS",
        "amu_course",
        "Installation og service af varmepumper",
        "Luft-til-vand og jordvarme: dimensionering, installation, idriftsætning og "
        "service. Kølecertifikat kræves for arbejde på kølekredsen.",
    ),
    (
        "h-sol",
        "Energi, el og VVS",
        "amu_course",
        "Solcelleanlæg – montage og tilslutning",
        "Montage af solpaneler på tag, invertere, sikkerhed ved arbejde på tage.",
    ),
    (
        "h-elsik",
        "Energi, el og VVS",
        "amu_course",
        "El-sikkerhed ved arbejde på og nær elektriske anlæg",
        "Regler og arbejdsmetoder for sikkert arbejde nær spændingsførende dele.",
    ),
    (
        "h-isol",
        "Byggeri og grøn omstilling",
        "amu_course",
        "Energirenovering – efterisolering af tage og ydervægge",
        "Isoleringsmaterialer, fugt og tæthed ved energirenovering af eksisterende byggeri.",
    ),
    (
        "h-stil",
        "Byggeri og grøn omstilling",
        "amu_course",
        "Stilladsmontage – rullestilladser og systemstilladser",
        "Opstilling og kontrol af stilladser efter arbejdstilsynets regler.",
    ),
    (
        "h-amr",
        "Arbejdsmiljø og sikkerhed",
        "amu_course",
        "Arbejdsmiljøuddannelsen for arbejdsmiljørepræsentanter og ledere",
        "Den lovpligtige uddannelse for medlemmer af arbejdsmiljøorganisationen, 3 dage.",
    ),
    (
        "h-hlp",
        "Arbejdsmiljø og sikkerhed",
        "amu_course",
        "Førstehjælp på arbejdspladsen",
        "Hjerte-lunge-redning, hjertestarter, forbrændinger og ulykker på arbejdspladsen.",
    ),
    (
        "h-stress",
        "Arbejdsmiljø og sikkerhed",
        "amu_course",
        "Psykisk arbejdsmiljø – forebyggelse af stress",
        "Tegn på stress, trivsel i teams og handleplaner for et godt psykisk arbejdsmiljø.",
    ),
    (
        "h-salg",
        "Salg, service og eksport",
        "academy_module",
        "Salg og kundeforståelse (10 ECTS)",
        "Salgsprocessen fra behovsafdækning til lukning, kunderejser og mersalg.",
    ),
    (
        "h-eks",
        "Salg, service og eksport",
        "academy_module",
        "International handel og eksport (10 ECTS)",
        "Eksportmarkeder, handelsbetingelser, told og kulturforskelle i international handel.",
    ),
    (
        "h-some",
        "Salg, service og eksport",
        "amu_course",
        "Markedsføring på sociale medier for små virksomheder",
        "Facebook, Instagram og LinkedIn: opslag, annoncer og måling af effekten.",
    ),
    (
        "h-cirk",
        "Cirkulær økonomi",
        "academy_module",
        "Cirkulær økonomi og bæredygtig produktion (5 ECTS)",
        "Livscyklusvurdering, genanvendelse af materialer og cirkulære forretningsmodeller.",
    ),
    (
        "h-hrak",
        "Strategisk HR og kompetenceforsyning",
        "academy_module",
        "Strategisk HR og kompetenceudvikling (10 ECTS)",
        "Kompetenceanalyse, uddannelsesplaner og fastholdelse af medarbejdere.",
    ),
    (
        "h-yhauto",
        "Automation og robotter",
        "academy_module",
        "Automationsingenjör – YH-utbildning, kurs i robotteknik",
        "Yrkeshögskolekurs i industrirobotar, PLC-styrning och automatiserade "
        "produktionslinjer. Kursen ges på distans med praktik.",
    ),
    (
        "h-yhlog",
        "Transport og logistik",
        "academy_module",
        "Logistikutvecklare – YH, kurs i lagerlogistik",
        "Lagerstyrning, materialflöden och inköp i logistikkedjan.",
    ),
    (
        "h-komsfi",
        "Dansk og matematik",
        "single_subject",
        "Svenska för invandrare (SFI) – Komvux",
        "Grundläggande svenska för vuxna med annat modersmål, kurs B–D, kvällstid eller "
        "på arbetsplatsen.",
    ),
    (
        "h-komsvets",
        "Svejsning og metal",
        "single_subject",
        "Svetsning – yrkeskurs på Komvux",
        "MIG/MAG- och TIG-svetsning i stål och rostfritt, förberedelse för svetscertifikat.",
    ),
    (
        "h-komvard",
        "Arbejdsmiljø og sikkerhed",
        "single_subject",
        "Vård- och omsorgsarbete – Komvux",
        "Yrkeskurs för undersköterskor: omvårdnad, etik och bemötande inom äldreomsorgen.",
    ),
    (
        "h-enlean",
        "Lean og løbende forbedringer",
        "academy_module",
        "Lean Six Sigma Green Belt (taught in English)",
        "Process improvement with DMAIC, statistical process control and root cause "
        "analysis, for production and quality staff.",
    ),
    (
        "h-enpython",
        "IT og programmering",
        "academy_module",
        "Python programming for automation (taught in English)",
        "Scripts that automate repetitive office and data tasks, reading spreadsheets and "
        "calling web services.",
    ),
]

# The need, as the company wrote it, and the courses a consultant would call the right
# answer (an empty list: no course in this catalogue fits).
NEEDS = [
    ("TIG-svejsning i rustfrit stål", ["h-tig", "h-komsvets"]),
    ("Vores smede skal have papir på at de kan svejse", ["h-cert", "h-mag", "h-komsvets"]),
    ("2 ufaglærte i smedeværkstedet vil gerne være faglærte", ["h-smed"]),
    ("Vi har købt en svejserobot og ingen kan programmere den", ["h-robot"]),
    ("Styringerne på linjen går ned og vi mangler en der forstår PLC", ["h-plc"]),
    ("Vi vil sætte en cobot op ved pakkemaskinen, hvordan gør vi det sikkert", ["h-cobot"]),
    ("Hydraulikken på presserne lækker og ingen ved hvorfor", ["h-hydr"]),
    ("Operatørerne skal selv kunne stille CNC-fræseren op", ["h-cnc"]),
    ("Vi har for mange fejl i målene på emnerne", ["h-kval"]),
    ("Mester skal lære at lede folk, han var kollega med før", ["h-ledgr", "h-coach"]),
    ("Lederne skal kunne tage folk med gennem store forandringer", ["h-ledak"]),
    ("Kontoret bruger Excel men ingen kan lave en pivottabel", ["h-excel"]),
    ("Vi får mange falske mails og er bange for hackere", ["h-cyber"]),
    ("Flere af vores folk kan ikke læse sikkerhedsinstruktionerne", ["h-fvudk"]),
    ("Medarbejdere fra Polen og Rumænien skal kunne tale dansk med kollegerne", ["h-danskas"]),
    ("Nye folk på lageret skal have truckcertifikat", ["h-truck"]),
    ("Vi skal have styr på hygiejnen inden fødevarekontrollen kommer igen", ["h-hyg"]),
    ("Vi vil begynde at installere varmepumper hos private kunder", ["h-varme"]),
    ("Vores tømrere skal lave efterisolering af gamle huse", ["h-isol"]),
    ("Vi mangler en uddannet arbejdsmiljørepræsentant", ["h-amr"]),
    ("Der er meget stress i afdelingen", ["h-stress"]),
    ("Vi vil sælge til Tyskland og Norge men ved ikke hvordan", ["h-eks"]),
    ("Vi skal være bedre til at bruge Facebook og LinkedIn", ["h-some"]),
    ("Vi skal genbruge mere af vores materialer", ["h-cirk"]),
    # Swedish and English needs, whose courses are described in Danish (and the other way)
    ("Vi behöver certifierade svetsare för rostfritt stål", ["h-tig", "h-komsvets", "h-cert"]),
    ("Våra truckförare måste ha truckkort", ["h-truck"]),
    ("Nya arbetsledare behöver lära sig leda sina kollegor", ["h-ledgr", "h-coach"]),
    ("Our staff need to get a forklift licence", ["h-truck"]),
    ("We want to automate boring spreadsheet work with small programs", ["h-enpython"]),
    (
        "Vi vil have robotter i produktionen og mangler en automationsuddannelse",
        ["h-yhauto", "h-plc"],
    ),
    ("Vores statistik og procesforbedringer skal på et højere niveau", ["h-enlean"]),
    ("Medarbejdere skal lære svensk", ["h-komsfi"]),
    # No course in the catalogue fits these
    ("Vi mangler buschauffører med erhvervskørekort D", []),
    ("Vores bogholder skal lære at bruge e-conomic til lønkørsel", []),
    ("Vi har brug for en tysktalende frisør", []),
    ("Vi skal have opdateret vores hjemmeside i WordPress", []),
    ("Gartnerne skal lære beskæring af frugttræer", []),
]
