/**
 * Word lists for the actor suggester: countries (and their usual short
 * forms), nationality adjectives and demonyms with their country,
 * organisation keywords, and titles that precede a person's name. Written by
 * hand from general knowledge; no external data.
 */

/** Country names and short forms (a place of kind 'country'). */
export const COUNTRIES: ReadonlySet<string> = new Set(
  (
    'Afghanistan|Albania|Algeria|Andorra|Angola|Argentina|Armenia|Australia|Austria|Azerbaijan|Bahamas|Bahrain|' +
    'Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bhutan|Bolivia|Bosnia and Herzegovina|Bosnia|Botswana|Brazil|' +
    'Brunei|Bulgaria|Burkina Faso|Burundi|Cambodia|Cameroon|Canada|Cape Verde|Central African Republic|Chad|Chile|' +
    'China|Colombia|Comoros|Congo|Costa Rica|Croatia|Cuba|Cyprus|Czech Republic|Czechia|Denmark|Djibouti|Dominica|' +
    'Dominican Republic|East Timor|Ecuador|Egypt|El Salvador|Equatorial Guinea|Eritrea|Estonia|Eswatini|Ethiopia|' +
    'Fiji|Finland|France|Gabon|Gambia|Georgia|Germany|Ghana|Greece|Grenada|Guatemala|Guinea|Guinea-Bissau|Guyana|' +
    'Haiti|Honduras|Hungary|Iceland|India|Indonesia|Iran|Iraq|Ireland|Israel|Italy|Ivory Coast|Jamaica|Japan|' +
    'Jordan|Kazakhstan|Kenya|Kiribati|Kosovo|Kuwait|Kyrgyzstan|Laos|Latvia|Lebanon|Lesotho|Liberia|Libya|' +
    'Liechtenstein|Lithuania|Luxembourg|Madagascar|Malawi|Malaysia|Maldives|Mali|Malta|Marshall Islands|Mauritania|' +
    'Mauritius|Mexico|Micronesia|Moldova|Monaco|Mongolia|Montenegro|Morocco|Mozambique|Myanmar|Burma|Namibia|Nauru|' +
    'Nepal|Netherlands|the Netherlands|New Zealand|Nicaragua|Niger|Nigeria|North Korea|North Macedonia|Macedonia|' +
    'Norway|Oman|Pakistan|Palau|Palestine|Panama|Papua New Guinea|Paraguay|Peru|Philippines|Poland|Portugal|Qatar|' +
    'Romania|Russia|Russian Federation|Rwanda|Samoa|San Marino|Saudi Arabia|Senegal|Serbia|Seychelles|Sierra Leone|' +
    'Singapore|Slovakia|Slovenia|Solomon Islands|Somalia|South Africa|South Korea|Korea|South Sudan|Spain|' +
    'Sri Lanka|Sudan|Suriname|Sweden|Switzerland|Syria|Taiwan|Tajikistan|Tanzania|Thailand|Togo|Tonga|' +
    'Trinidad and Tobago|Tunisia|Turkey|Türkiye|Turkmenistan|Tuvalu|Uganda|Ukraine|United Arab Emirates|UAE|' +
    'United Kingdom|UK|U.K.|Britain|Great Britain|England|Scotland|Wales|Northern Ireland|United States|' +
    'United States of America|USA|U.S.A.|US|U.S.|America|Uruguay|Uzbekistan|Vanuatu|Vatican|Venezuela|Vietnam|' +
    'Yemen|Zambia|Zimbabwe|Greenland|Hong Kong|Puerto Rico'
  ).split('|'),
);

/** Nationality adjectives and demonyms: a word that names a country's people or qualifies by country. */
export const DEMONYMS: ReadonlySet<string> = new Set(
  (
    'Afghan|Albanian|Algerian|American|Argentine|Argentinian|Armenian|Australian|Austrian|Azerbaijani|Belarusian|' +
    'Belgian|Bolivian|Bosnian|Brazilian|British|Bulgarian|Cambodian|Cameroonian|Canadian|Chilean|Chinese|' +
    'Colombian|Congolese|Croatian|Cuban|Cypriot|Czech|Danish|Dutch|Ecuadorian|Egyptian|English|Eritrean|Estonian|' +
    'Ethiopian|European|Filipino|Finnish|French|Georgian|German|Ghanaian|Greek|Haitian|Hungarian|Icelandic|' +
    'Indian|Indonesian|Iranian|Iraqi|Irish|Israeli|Italian|Jamaican|Japanese|Jordanian|Kazakh|Kenyan|Korean|' +
    'Kurdish|Kuwaiti|Latvian|Lebanese|Libyan|Lithuanian|Malaysian|Maltese|Mexican|Moldovan|Mongolian|Moroccan|' +
    'Nepalese|Nigerian|Norwegian|Pakistani|Palestinian|Peruvian|Polish|Portuguese|Romanian|Russian|Rwandan|Saudi|' +
    'Scottish|Serbian|Singaporean|Slovak|Slovenian|Somali|Spanish|Sudanese|Swedish|Swiss|Syrian|Taiwanese|' +
    'Thai|Tunisian|Turkish|Ukrainian|Venezuelan|Vietnamese|Welsh|Yemeni|Zimbabwean|Soviet|Arab|Asian|African|' +
    'Western|Eastern|Latin|Catholic|Protestant|Muslim|Christian|Jewish|Islamic|Hindu|Buddhist|Sunni|Shia|Shiite'
  ).split('|'),
);

/** Last words of organisation names. */
export const ORG_HEADS: ReadonlySet<string> = new Set(
  (
    'Ministry|Department|Bank|Party|University|College|Institute|Inc.|Inc|Corp.|Corp|Corporation|Company|Co.|Ltd|' +
    'Ltd.|LLC|PLC|AG|GmbH|SA|Group|Agency|Association|Council|Commission|Committee|Organization|Organisation|' +
    'Union|Foundation|Society|Court|Parliament|Congress|Senate|Assembly|Office|Bureau|Authority|Service|Services|' +
    'Army|Navy|Force|Forces|Police|Network|News|Times|Post|Press|Club|Federation|League|Alliance|Church|School|' +
    'Academy|Board|Fund|Trust|Airlines|Airways|Motors|Industries|Systems|Technologies|Labs|Center|Centre|Museum|' +
    'Hospital|Administration|Cabinet|Government|Movement|Front|Coalition|Team|FC|Police'
  ).split('|'),
);

/** Titles and honorifics before a person's name (never part of the name). */
export const TITLES: ReadonlySet<string> = new Set(
  (
    'Mr|Mr.|Mrs|Mrs.|Ms|Ms.|Dr|Dr.|Prof|Prof.|Professor|Sir|Dame|Lord|Lady|President|Vice|Prime|Minister|' +
    'Chancellor|Secretary|General|Gen.|Senator|Sen.|Rep.|Representative|Governor|Gov.|Mayor|King|Queen|Prince|' +
    'Princess|Pope|Father|Rev.|Reverend|Judge|Justice|Chief|Captain|Capt.|Colonel|Col.|Lieutenant|Lt.|Sergeant|' +
    'Sgt.|Admiral|Commander|Ambassador|Chairman|Chairwoman|Director|Spokesman|Spokeswoman|Saint|St.|Coach|' +
    'Officer|Detective|Inspector|Premier|Emperor|Sheikh|Ayatollah|Bishop|Archbishop|Cardinal|Rabbi|Imam|Dean'
  ).split('|'),
);
