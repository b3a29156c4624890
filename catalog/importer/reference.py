"""Reference data the importer needs to expand what pages abbreviate."""

#: archives by the abbreviation citations use
REPOSITORIES = {
    "APRF": ("Archive of the President of the Russian Federation", "Moscow"),
    "AVPRF": ("Archive of Foreign Policy of the Russian Federation", "Moscow"),
    "RGASPI": ("Russian State Archive of Socio-Political History", "Moscow"),
    "RGANI": ("Russian State Archive of Contemporary History", "Moscow"),
    "GARF": ("State Archive of the Russian Federation", "Moscow"),
    "TsAMO": ("Central Archive of the Ministry of Defense of the Russian Federation", "Podolsk"),
    "PRC FMA": ("Archive of the Ministry of Foreign Affairs of the People's Republic of China", "Beijing"),
    "SAPMO-BArch": ("Foundation Archive of Parties and Mass Organizations of the GDR in the Federal Archives", "Berlin"),
    "ANIC": ("National Archives of Romania", "Bucharest"),
    "AMVnR": ("Archive of the Ministry of Foreign Affairs of Romania", "Bucharest"),
}

#: language names as pages print them, with their BCP 47 codes
LANGUAGES = {
    "english": "en", "russian": "ru", "chinese": "zh", "korean": "ko", "german": "de", "vietnamese": "vi",
    "romanian": "ro", "hungarian": "hu", "polish": "pl", "czech": "cs", "bulgarian": "bg", "mongolian": "mn",
    "french": "fr", "japanese": "ja", "spanish": "es", "albanian": "sq", "serbian": "sr", "croatian": "hr",
    "slovak": "sk", "italian": "it", "portuguese": "pt", "persian": "fa", "farsi": "fa", "arabic": "ar",
    "hindi": "hi", "indonesian": "id", "ukrainian": "uk", "georgian": "ka", "armenian": "hy", "lithuanian": "lt",
    "latvian": "lv", "estonian": "et", "finnish": "fi", "swedish": "sv", "dutch": "nl", "greek": "el",
    "turkish": "tr", "hebrew": "he", "khmer": "km", "lao": "lo", "thai": "th", "burmese": "my",
}
