/**
 * Message templates in several languages: smuggling adverts, money-mule job ads, fake investment ads,
 * direct messages and ordinary chatter. `{x}` placeholders are filled per message; language codes are
 * ISO 639-3 as FtM's language type uses.
 */
import type { Rng } from './rng.ts';

export interface Template {
  lang: string;
  text: string;
}

const t = (lang: string, text: string): Template => ({ lang, text });

export const SMUGGLING_ADS: readonly Template[] = [
  t(
    'ara',
    'رحلات مضمونة إلى ألمانيا عبر صربيا والنمسا خلال {days} أيام. السعر {price} دولار، الدفع عند الوصول عن طريق مكتب حوالة موثوق. للتواصل واتساب {phone}',
  ),
  t('ara', 'طريق جديد وآمن من إسطنبول إلى هولندا. سيارة خاصة وبيت آمن في الطريق. السعر {price} دولار للشخص. الحجز الآن {phone}'),
  t('prs', 'سفر مطمئن به آلمان از راه صربستان در {days} روز. قیمت {price} دالر، پول بعد از رسیدن از طریق حواله. شماره تماس {phone}'),
  t(
    'eng',
    'Safe trip to Germany in {days} days via Serbia and Austria. Price {price} USD per person, pay on arrival through a trusted hawala office. WhatsApp {phone}',
  ),
  t('tur', "Almanya'ya güvenli yolculuk, {days} gün. Kişi başı {price} USD, ödeme varışta. İletişim: {phone}"),
];

export const JOB_ADS: readonly Template[] = [
  t(
    'nld',
    'Bijverdienste vanuit huis! Wij zoeken een Payment Processing Agent (m/v). Je ontvangt betalingen van klanten op je eigen rekening en stuurt ze door – €{fee} per transactie. Alleen 18+. WhatsApp: {phone}',
  ),
  t(
    'deu',
    'Nebenjob im Homeoffice: Zahlungsabwickler/in gesucht! Sie empfangen Kundenzahlungen auf Ihr Konto und leiten sie weiter – {fee} € Provision pro Auftrag. Kontakt: {phone}',
  ),
  t(
    'eng',
    'Remote job: financial assistant wanted. Receive client payments into your account and transfer them on. Earn €{fee} per transfer, no experience needed. Text {phone}',
  ),
  t('ron', 'Job de acasă! Căutăm asistent financiar: primești plăți în contul tău și le transferi mai departe. {fee} € comision pe transfer. WhatsApp {phone}'),
  t('ita', 'Lavoro da casa: cerchiamo assistente ai pagamenti. Ricevi bonifici sul tuo conto e li inoltri, {fee} € a operazione. Contatto {phone}'),
];

export const INVESTMENT_ADS: readonly Template[] = [
  t('deu', '{brand}: Mit künstlicher Intelligenz bis zu {pct}% Rendite im Monat. Starten Sie mit nur 250 €! Jetzt registrieren: {url}'),
  t('deu', 'Bekannter TV-Moderator verrät im Interview: so verdient er mit {brand} täglich mit Krypto. Hier ansehen: {url}'),
  t('nld', '{brand} – laat AI voor je handelen in crypto. Tot {pct}% rendement per maand, begin met €250. Meld je aan: {url}'),
  t('eng', '{brand}: AI-powered crypto trading. Up to {pct}% monthly returns. Start with just €250 → {url}'),
  t('ita', '{brand}: trading di criptovalute con intelligenza artificiale. Fino al {pct}% al mese, inizia con 250 €: {url}'),
];

export const MIGRANT_DMS: readonly Template[] = [
  t('ara', 'مرحبا، كم سعر الطريق إلى ألمانيا لشخصين؟'),
  t('ara', 'السلام عليكم، متى الرحلة القادمة؟ أنا في إسطنبول الآن.'),
  t('prs', 'سلام، قیمت برای آلمان چند است؟'),
  t('eng', 'Hello brother, how much to Germany for me and my cousin?'),
];

export const RECRUITER_DMS: readonly Template[] = [
  t('ara', '{price} دولار للشخص. الدفع عند الوصول. أرسل صورة الجواز وانتظر اتصال السائق.'),
  t('prs', '{price} دالر. فامیل شما پول را به حواله دار در آلمان بدهد، کد {code}.'),
  t('eng', '{price} USD per person, your family pays the hawala office in Germany when you arrive, code {code}.'),
];

export const MULE_REPLIES: readonly Template[] = [
  t('nld', 'Hoi, ik zag je vacature. Is dit echt legaal? Hoeveel kan ik per week verdienen?'),
  t('deu', 'Hallo, ich interessiere mich für den Nebenjob. Was muss ich genau machen?'),
  t('eng', 'Hi, saw your job post, still available? I have a bank account ready.'),
];

export const CHATTER: readonly Template[] = [
  t('deu', 'Verkaufe mein Fahrrad, 120 €, Abholung in {city}.'),
  t('deu', 'Wer kommt heute Abend zum Training?'),
  t('nld', 'Zoekt iemand nog een oppas in {city}? Ik heb tijd op woensdag.'),
  t('nld', 'Wat een weer vandaag in {city}!'),
  t('ita', 'Cerco appartamento a {city}, massimo 800 € al mese.'),
  t('eng', 'Anyone up for football on Sunday in {city}?'),
  t('ron', 'Vând canapea aproape nouă, preț negociabil.'),
  t('tur', "Bu hafta sonu {city}'de konser var mı?"),
];

/** Fills `{name}` placeholders; unknown placeholders stay as they are. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (values[k] !== undefined ? String(values[k]) : m));
}

/** Picks a template in one of the given languages (any language when none match). */
export function pickIn(rng: Rng, templates: readonly Template[], langs: readonly string[]): Template {
  const fitting = templates.filter((x) => langs.includes(x.lang));
  return rng.pick(fitting.length > 0 ? fitting : templates);
}
