"""The competence areas seeded from the source documents, with search words in Danish,
Swedish and English that point to each."""

AREAS = [
    (
        "Digitalisering",
        "digital data it-system software digitalisering digitalisation digitalization skærm tablet",
    ),
    (
        "Automation og robotter",
        "robot robotter robotceller automation automatik automatisering plc cobot industri 4.0",
    ),
    (
        "Cirkulær økonomi",
        "cirkulær genbrug affald ressourcer circular recycling återvinning materialer sortering",
    ),
    (
        "Ledelse",
        "leder ledelse mellemleder ledarskap leadership management forandringsledelse teamleder",
    ),
    (
        "Lean og løbende forbedringer",
        "lean forbedringer 5s kaizen produktivitet flow spild improvement",
    ),
    (
        "Strategisk HR og kompetenceforsyning",
        "hr rekruttering kompetenceudvikling strategi personale kompetensförsörjning",
    ),
    (
        "Dansk og matematik",
        "dansk matematik læsning regning fvu obu ordblind svenska mathematics literacy numeracy",
    ),
    (
        "Produktionsteknologi",
        "produktion operatør maskine cnc industrioperatør tillverkning production machining",
    ),
    ("Svejsning og metal", "svejsning svejser metal stål smed svetsning welding fabrication"),
    (
        "Byggeri og grøn omstilling",
        "byggeri bygning tømrer energirenovering grøn bygg construction carpentry green",
    ),
    (
        "Energi, el og VVS",
        "el elektriker vvs energi varmepumpe solceller installation electrical plumbing",
    ),
    ("Fødevarer og hygiejne", "fødevarer hygiejne bager køkken food livsmedel hygiene haccp"),
    (
        "Transport og logistik",
        "transport lager logistik truck chauffør gaffeltruck warehouse logistics",
    ),
    (
        "IT og programmering",
        "programmering python it-sikkerhed netværk udvikler programming developer cyber",
    ),
    (
        "Salg, service og eksport",
        "salg service kunde eksport marketing försäljning sales export customer",
    ),
    (
        "Arbejdsmiljø og sikkerhed",
        "arbejdsmiljø sikkerhed førstehjælp brand arbetsmiljö safety first aid",
    ),
]
