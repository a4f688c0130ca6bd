/**
 * Name tables faker lacks: Ukrainian given names with their Russian forms (Олександр / Александр),
 * Arabic and Dari names in their own script with the romanisations officials actually use, Lithuanian
 * names, and real cities with postcode prefixes per country.
 */

/** Ukrainian given name → the Russian form many Ukrainians are also registered under. */
export const UA_GIVEN: Record<'male' | 'female', readonly (readonly [string, string])[]> = {
  male: [
    ['Олександр', 'Александр'],
    ['Андрій', 'Андрей'],
    ['Сергій', 'Сергей'],
    ['Дмитро', 'Дмитрий'],
    ['Микола', 'Николай'],
    ['Володимир', 'Владимир'],
    ['Олексій', 'Алексей'],
    ['Юрій', 'Юрий'],
    ['Віктор', 'Виктор'],
    ['Іван', 'Иван'],
    ['Максим', 'Максим'],
    ['Богдан', 'Богдан'],
    ['Василь', 'Василий'],
    ['Євген', 'Евгений'],
    ['Ігор', 'Игорь'],
    ['Михайло', 'Михаил'],
    ['Павло', 'Павел'],
    ['Артем', 'Артем'],
    ['Вадим', 'Вадим'],
    ['Олег', 'Олег'],
    ['Григорій', 'Григорий'],
  ],
  female: [
    ['Олена', 'Елена'],
    ['Наталія', 'Наталья'],
    ['Ірина', 'Ирина'],
    ['Тетяна', 'Татьяна'],
    ['Ольга', 'Ольга'],
    ['Юлія', 'Юлия'],
    ['Оксана', 'Оксана'],
    ['Світлана', 'Светлана'],
    ['Катерина', 'Екатерина'],
    ['Марина', 'Марина'],
    ['Вікторія', 'Виктория'],
    ['Галина', 'Галина'],
  ],
};

/** A name in Arabic script and its romanisations, the most official first. */
export interface ScriptName {
  native: string;
  latin: readonly string[];
}

const n = (native: string, ...latin: string[]): ScriptName => ({ native, latin });

export const ARABIC_GIVEN: Record<'male' | 'female', readonly ScriptName[]> = {
  male: [
    n('محمد', 'Mohammed', 'Muhammad', 'Mohamed', 'Mohammad'),
    n('أحمد', 'Ahmed', 'Ahmad'),
    n('علي', 'Ali'),
    n('حسن', 'Hassan', 'Hasan'),
    n('حسين', 'Hussein', 'Hussain', 'Husein'),
    n('عمر', 'Omar', 'Umar'),
    n('خالد', 'Khaled', 'Khalid'),
    n('يوسف', 'Youssef', 'Yusuf', 'Yousef'),
    n('إبراهيم', 'Ibrahim', 'Ebrahim'),
    n('عبدالله', 'Abdullah', 'Abdallah', 'Abdulla'),
    n('مصطفى', 'Mustafa', 'Moustafa'),
    n('كريم', 'Karim', 'Kareem'),
    n('سامر', 'Samer', 'Samir'),
    n('طارق', 'Tariq', 'Tarek'),
    n('فراس', 'Firas', 'Feras'),
    n('بلال', 'Bilal'),
    n('زياد', 'Ziad', 'Ziyad'),
    n('جمال', 'Jamal', 'Gamal'),
    n('وليد', 'Walid', 'Waleed'),
    n('ماهر', 'Maher'),
  ],
  female: [
    n('فاطمة', 'Fatima', 'Fatma'),
    n('عائشة', 'Aisha', 'Aysha'),
    n('مريم', 'Maryam', 'Mariam'),
    n('نور', 'Nour', 'Noor'),
    n('ليلى', 'Layla', 'Leila'),
    n('زينب', 'Zainab', 'Zeinab'),
    n('هدى', 'Huda', 'Hoda'),
    n('رنا', 'Rana'),
  ],
};

export const ARABIC_FAMILY: readonly ScriptName[] = [
  n('الحسن', 'Al-Hassan', 'Alhasan', 'El Hassan'),
  n('الأحمد', 'Al-Ahmad', 'Alahmad'),
  n('حداد', 'Haddad'),
  n('خليل', 'Khalil', 'Khaleel'),
  n('الخطيب', 'Al-Khatib', 'Alkhatib', 'El-Khatib'),
  n('العلي', 'Al-Ali', 'Alali'),
  n('الشامي', 'Al-Shami', 'Alshami', 'Al Chami'),
  n('حمدان', 'Hamdan'),
  n('الجبوري', 'Al-Jubouri', 'Aljuburi', 'Al-Jiburi'),
  n('الدليمي', 'Al-Dulaimi', 'Aldulaimi'),
  n('العبيدي', 'Al-Obaidi', 'Alubaidi', 'Al-Ubaidi'),
  n('جاف', 'Jaff', 'Jaf'),
  n('الموسوي', 'Al-Musawi', 'Almousawi'),
  n('السعدي', 'Al-Saadi', 'Alsaadi', 'Al Saedi'),
  n('نجار', 'Najjar', 'Najar'),
  n('عثمان', 'Othman', 'Osman', 'Uthman'),
  n('صالح', 'Saleh', 'Salih'),
  n('درويش', 'Darwish', 'Darwich'),
];

export const DARI_GIVEN: Record<'male' | 'female', readonly ScriptName[]> = {
  male: [
    n('احمد', 'Ahmad', 'Ahmed'),
    n('محمود', 'Mahmood', 'Mahmud'),
    n('رحیم', 'Rahim', 'Raheem'),
    n('جاوید', 'Javid', 'Jawed'),
    n('فرید', 'Farid', 'Fareed'),
    n('حمید', 'Hamid', 'Hameed'),
    n('نوید', 'Navid', 'Naweed'),
    n('شکیب', 'Shakib', 'Shakeeb'),
    n('سهراب', 'Sohrab'),
    n('عزیز', 'Aziz'),
    n('ذبیح', 'Zabih', 'Zabiullah'),
  ],
  female: [n('زهرا', 'Zahra'), n('مریم', 'Maryam'), n('فریبا', 'Fariba'), n('شبنم', 'Shabnam')],
};

export const DARI_FAMILY: readonly ScriptName[] = [
  n('احمدزی', 'Ahmadzai', 'Ahmadzay'),
  n('رحیمی', 'Rahimi', 'Raheemi'),
  n('حکیمی', 'Hakimi'),
  n('نوری', 'Noori', 'Nouri'),
  n('صدیقی', 'Siddiqi', 'Sediqi'),
  n('کریمی', 'Karimi'),
  n('یوسفی', 'Yousufi', 'Yusufi'),
  n('هاشمی', 'Hashimi', 'Hashemi'),
  n('عزیزی', 'Azizi'),
  n('محمدی', 'Mohammadi', 'Muhammadi'),
];

export const LT_NAMES = {
  male: ['Jonas', 'Tomas', 'Mantas', 'Lukas', 'Darius', 'Paulius', 'Karolis', 'Rokas'],
  female: ['Rūta', 'Agnė', 'Eglė', 'Ieva', 'Gintarė'],
  familyMale: ['Kazlauskas', 'Petrauskas', 'Jankauskas', 'Stankevičius', 'Vasiliauskas', 'Žukauskas', 'Butkus'],
  familyFemale: ['Kazlauskienė', 'Petrauskaitė', 'Jankauskaitė', 'Stankevičiūtė', 'Žukauskienė'],
} as const;

/** A real city with the first digits of its postcodes. */
export interface City {
  name: string;
  postcode: string;
}

const c = (name: string, postcode: string): City => ({ name, postcode });

export const CITIES: Record<string, readonly City[]> = {
  de: [
    c('Berlin', '10'),
    c('Hamburg', '20'),
    c('München', '80'),
    c('Köln', '50'),
    c('Frankfurt am Main', '60'),
    c('Düsseldorf', '40'),
    c('Dortmund', '44'),
    c('Leipzig', '04'),
    c('Bremen', '28'),
    c('Hannover', '30'),
    c('Nürnberg', '90'),
    c('Duisburg', '47'),
  ],
  nl: [
    c('Amsterdam', '10'),
    c('Rotterdam', '30'),
    c('Den Haag', '25'),
    c('Utrecht', '35'),
    c('Eindhoven', '56'),
    c('Groningen', '97'),
    c('Tilburg', '50'),
    c('Almere', '13'),
    c('Breda', '48'),
    c('Nijmegen', '65'),
  ],
  it: [c('Milano', '201'), c('Roma', '001'), c('Napoli', '801'), c('Torino', '101'), c('Bologna', '401'), c('Verona', '371')],
  ro: [c('București', '0'), c('Cluj-Napoca', '400'), c('Iași', '700'), c('Timișoara', '300'), c('Constanța', '900')],
  lt: [c('Vilnius', '0'), c('Kaunas', '4'), c('Klaipėda', '9')],
  at: [c('Wien', '1'), c('Graz', '80'), c('Linz', '40'), c('Salzburg', '50')],
  ua: [c('Київ', '0'), c('Харків', '61'), c('Одеса', '65'), c('Дніпро', '49'), c('Львів', '79')],
  ru: [c('Москва', '1'), c('Санкт-Петербург', '19')],
  rs: [c('Beograd', '11'), c('Novi Sad', '21'), c('Subotica', '24')],
  tr: [c('İstanbul', '34'), c('Edirne', '22'), c('İzmir', '35')],
  ae: [c('Dubai', '')],
  sc: [c('Victoria', '')],
  sy: [c('Damascus', ''), c('Aleppo', ''), c('Homs', '')],
  iq: [c('Erbil', ''), c('Mosul', ''), c('Baghdad', '')],
  af: [c('Kabul', ''), c('Herat', ''), c('Mazar-i-Sharif', '')],
  gb: [c('London', 'E1'), c('Manchester', 'M1')],
  se: [c('Stockholm', '11'), c('Malmö', '21'), c('Göteborg', '41')],
};

/** Postcode lengths per country (digits after the prefix are random). */
export const POSTCODE_LENGTH: Record<string, number> = { de: 5, nl: 4, it: 5, ro: 6, lt: 5, at: 4, ua: 5, ru: 6, rs: 5, tr: 5, se: 5 };
