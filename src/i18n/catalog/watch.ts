/** Texts of the daily watch (src/usecases/daily-watch): MUX dates, missing dates, the certificate, stuck runs. */
import { translator, type Catalogue, type Messages } from '../index';

const ca = {
  'mux.due': "La data de pas a producció d'aquests ens MUX ja ha arribat i encara no s'han integrat:",
  'mux.item': '{name} ({codiEns}): {date}',
  'mux.howTo': 'Per integrar-los, useu «Integra ara» al panell Integracions SetDIBA.',
  'mux.auto': "L'app els integra ara, tal com demana la configuració del projecte.",
  'missing.ask':
    "Encara no tenim la data de pas a producció d'aquests ens MUX: {list}. Ens podeu indicar la data de cadascun responent en aquest tiquet?",
  'missing.owner':
    "SetDIBA no ha donat la data de pas a producció d'aquests ens MUX després de tres recordatoris: {list}. Cal contactar-hi directament.",
  'cert.summary': 'Renovar el certificat CDA de SetDIBA',
  'cert.description':
    "El certificat CDA de SetDIBA (número de sèrie {serial}) caduca {date_el}. Pugeu-ne un de nou a la configuració del projecte, apartat Integracions SetDIBA; sense certificat vàlid les integracions s'aturen.",
  'cert.left': "{days, plural, one {Queda # dia perquè caduqui el certificat CDA de SetDIBA ({date}).} other {Queden # dies perquè caduqui el certificat CDA de SetDIBA ({date}).}}",
  'cert.today': "El certificat CDA de SetDIBA caduca avui ({date}): les integracions s'aturaran fins que se'n pugi un de nou.",
  'cert.renewed': "S'ha pujat un certificat CDA nou, vàlid fins {date_al}. Ja es pot tancar aquest tiquet.",
  'stuck.lease': "l'execució va començar {date_el} i no va acabar",
  'stuck.lost': 'la feina en cua es va perdre després dels reintents de la plataforma',
  'stuck.failed':
    "L'execució d'aquest tiquet s'ha quedat encallada ({what}) i no s'ha pogut reprendre automàticament. Per tornar-la a executar, useu «Executa» al panell Integracions SetDIBA.",
};

const es: Messages<typeof ca> = {
  'mux.due': 'La fecha de paso a producción de estos entes MUX ya ha llegado y aún no se han integrado:',
  'mux.item': '{name} ({codiEns}): {date}',
  'mux.howTo': 'Para integrarlos, use «Integrar ahora» en el panel Integracions SetDIBA.',
  'mux.auto': 'La app los integra ahora, como pide la configuración del proyecto.',
  'missing.ask':
    'Aún no tenemos la fecha de paso a producción de estos entes MUX: {list}. ¿Nos puede indicar la fecha de cada uno respondiendo en esta solicitud?',
  'missing.owner':
    'SetDIBA no ha dado la fecha de paso a producción de estos entes MUX después de tres recordatorios: {list}. Hay que contactar directamente.',
  'cert.summary': 'Renovar el certificado CDA de SetDIBA',
  'cert.description':
    'El certificado CDA de SetDIBA (número de serie {serial}) caduca el {date}. Suba uno nuevo en la configuración del proyecto, apartado Integracions SetDIBA; sin certificado válido las integraciones se detienen.',
  'cert.left': '{days, plural, one {Queda # día para que caduque el certificado CDA de SetDIBA ({date}).} other {Quedan # días para que caduque el certificado CDA de SetDIBA ({date}).}}',
  'cert.today': 'El certificado CDA de SetDIBA caduca hoy ({date}): las integraciones se detendrán hasta que se suba uno nuevo.',
  'cert.renewed': 'Se ha subido un certificado CDA nuevo, válido hasta el {date}. Ya se puede cerrar esta solicitud.',
  'stuck.lease': 'la ejecución empezó el {date} y no terminó',
  'stuck.lost': 'el trabajo en cola se perdió después de los reintentos de la plataforma',
  'stuck.failed':
    'La ejecución de esta solicitud se ha quedado bloqueada ({what}) y no se ha podido reanudar automáticamente. Para volver a ejecutarla, use «Ejecutar» en el panel Integracions SetDIBA.',
};

const en: Messages<typeof ca> = {
  'mux.due': 'These MUX entities have reached their production date and are not integrated yet:',
  'mux.item': '{name} ({codiEns}): {date}',
  'mux.howTo': 'To integrate them, use "Integrate now" in the Integracions SetDIBA panel.',
  'mux.auto': 'The app is integrating them now, as the project settings ask.',
  'missing.ask':
    'We still do not have the production date of these MUX entities: {list}. Could you reply on this ticket with the date of each?',
  'missing.owner':
    'SetDIBA has not given the production date of these MUX entities after three reminders: {list}. Please contact them directly.',
  'cert.summary': 'Renew the SetDIBA CDA certificate',
  'cert.description':
    'The SetDIBA CDA certificate (serial number {serial}) expires on {date}. Upload a new one in the project settings, Integracions SetDIBA; without a valid certificate integrations stop.',
  'cert.left': '{days, plural, one {# day left before the SetDIBA CDA certificate expires ({date}).} other {# days left before the SetDIBA CDA certificate expires ({date}).}}',
  'cert.today': 'The SetDIBA CDA certificate expires today ({date}): integrations will stop until a new one is uploaded.',
  'cert.renewed': 'A new CDA certificate has been uploaded, valid until {date}. This ticket can be closed.',
  'stuck.lease': 'the run started on {date} and never finished',
  'stuck.lost': 'the queued job was lost after the platform retries',
  'stuck.failed':
    'The run of this ticket is stuck ({what}) and could not be resumed automatically. To run it again, use "Run" in the Integracions SetDIBA panel.',
};

export const watchMessages: Catalogue<typeof ca> = { ca, es, en };
export type WatchKey = keyof typeof ca;
export const tWatch = translator(watchMessages);
