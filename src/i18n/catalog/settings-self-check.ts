/**
 * The settings page's Self-check: the section's labels and what each check says (what it found, the
 * fix, the manual steps). Catalan is the default.
 */
import { translator, type Messages } from '../index';

const ca = {
  selfCheckTitle: 'Autocomprovació',
  selfCheckIntro: "Comprova en aquest lloc el que només un lloc real pot confirmar, sense tocar cap tiquet. Feu-la el primer cop que instal·leu l'app.",
  selfCheckRun: "Executa l'autocomprovació",
  selfCheckRunning: "S'està comprovant…",
  selfCheckOk: 'Correcte',
  selfCheckFailed: 'Ha fallat',
  selfCheckManual: 'Comprovació manual',
  selfCheckFound: 'Resultat: {found}',
  selfCheckFix: 'Què cal fer: {fix}',

  check_kvs: "Emmagatzematge de l'app (clau de prova)",
  check_kvs_found: 'escriure, llegir, detectar una clau ja existent i esborrar funcionen',
  check_kvs_fix: "Comproveu que l'app té l'àmbit storage:app i mireu el codi registrat a «forge logs».",
  check_worker: 'Lectura de fulls de càlcul (prova en segon pla)',
  check_worker_found: "s'ha llegit en segon pla una plantilla generada",
  check_worker_fix: "L'entorn no permet fils de treball; aviseu l'equip de l'app amb la sortida de «forge logs».",
  check_linkType: 'Tipus d\'enllaç «Cloners»',
  check_linkType_found: '«{outward}» / «{inward}»',
  check_linkType_fix: "Creeu o reactiveu el tipus d'enllaç «Cloners» a la configuració de Jira (Enllaços entre incidències).",
  check_fields: 'Camps de Jira Service Management',
  check_fields_found: 'Tipus de sol·licitud: {requestType}; Organitzacions: {organizations}',
  check_fields_fix: 'Aquest projecte ha de ser de Jira Service Management amb els camps «Request Type» i «Organizations».',
  check_requestTypes: 'Tipus de sol·licitud del projecte',
  check_requestTypes_found: '{count} tipus: {names}',
  check_requestTypes_fix: "Afegiu almenys un tipus de sol·licitud al portal d'aquest projecte.",
  check_requestTypes_no_request: "encara no hi ha cap sol·licitud al projecte per saber-ne el portal; creeu-ne una i torneu a executar l'autocomprovació",
  check_appPermissions: "Permisos de l'app al projecte",
  check_appPermissions_found: 'falten: {missing}',
  check_appPermissions_all: 'té tots els permisos necessaris',
  check_appPermissions_fix: "Afegiu l'usuari de l'app al rol que dona aquests permisos a l'esquema de permisos del projecte.",
  check_linkWording: "Redacció de l'enllaç (manual)",
  check_linkWording_steps:
    "Després del primer tiquet dividit, obriu un tiquet nou de servei: a «Incidències enllaçades» ha de dir «clones» i la clau de l'original; a l'original, «is cloned by» i la clau del nou. Si és al revés, aviseu l'equip de l'app.",
  check_notification: 'Avís al client (manual)',
  check_notification_steps:
    "Després del primer tiquet dividit, comproveu amb el client (o al registre de notificacions del projecte) que ha rebut el correu de sol·licitud creada per a cada tiquet nou i que el veu al portal.",
  check_error: 'no s\'ha pogut comprovar: {detail}',
  check_not_available: "aquesta instal·lació no ho pot comprovar",
};

const es: Messages<typeof ca> = {
  selfCheckTitle: 'Autocomprobación',
  selfCheckIntro: 'Comprueba en este sitio lo que solo un sitio real puede confirmar, sin tocar ningún tique. Hágala la primera vez que instale la app.',
  selfCheckRun: 'Ejecutar la autocomprobación',
  selfCheckRunning: 'Comprobando…',
  selfCheckOk: 'Correcto',
  selfCheckFailed: 'Ha fallado',
  selfCheckManual: 'Comprobación manual',
  selfCheckFound: 'Resultado: {found}',
  selfCheckFix: 'Qué hacer: {fix}',

  check_kvs: 'Almacenamiento de la app (clave de prueba)',
  check_kvs_found: 'escribir, leer, detectar una clave ya existente y borrar funcionan',
  check_kvs_fix: 'Compruebe que la app tiene el ámbito storage:app y mire el código registrado en «forge logs».',
  check_worker: 'Lectura de hojas de cálculo (prueba en segundo plano)',
  check_worker_found: 'se ha leído en segundo plano una plantilla generada',
  check_worker_fix: 'El entorno no permite hilos de trabajo; avise al equipo de la app con la salida de «forge logs».',
  check_linkType: 'Tipo de enlace «Cloners»',
  check_linkType_found: '«{outward}» / «{inward}»',
  check_linkType_fix: 'Cree o reactive el tipo de enlace «Cloners» en la configuración de Jira (Enlaces entre incidencias).',
  check_fields: 'Campos de Jira Service Management',
  check_fields_found: 'Tipo de solicitud: {requestType}; Organizaciones: {organizations}',
  check_fields_fix: 'Este proyecto debe ser de Jira Service Management con los campos «Request Type» y «Organizations».',
  check_requestTypes: 'Tipos de solicitud del proyecto',
  check_requestTypes_found: '{count} tipos: {names}',
  check_requestTypes_fix: 'Añada al menos un tipo de solicitud al portal de este proyecto.',
  check_requestTypes_no_request: 'aún no hay ninguna solicitud en el proyecto para saber su portal; cree una y vuelva a ejecutar la autocomprobación',
  check_appPermissions: 'Permisos de la app en el proyecto',
  check_appPermissions_found: 'faltan: {missing}',
  check_appPermissions_all: 'tiene todos los permisos necesarios',
  check_appPermissions_fix: 'Añada el usuario de la app al rol que da estos permisos en el esquema de permisos del proyecto.',
  check_linkWording: 'Redacción del enlace (manual)',
  check_linkWording_steps:
    'Tras el primer tique dividido, abra un tique nuevo de servicio: en «Incidencias enlazadas» debe decir «clones» y la clave del original; en el original, «is cloned by» y la clave del nuevo. Si es al revés, avise al equipo de la app.',
  check_notification: 'Aviso al cliente (manual)',
  check_notification_steps:
    'Tras el primer tique dividido, compruebe con el cliente (o en el registro de notificaciones del proyecto) que ha recibido el correo de solicitud creada para cada tique nuevo y que lo ve en el portal.',
  check_error: 'no se ha podido comprobar: {detail}',
  check_not_available: 'esta instalación no puede comprobarlo',
};

const en: Messages<typeof ca> = {
  selfCheckTitle: 'Self-check',
  selfCheckIntro: 'Checks on this site what only a real site can confirm, without touching any ticket. Run it the first time you install the app.',
  selfCheckRun: 'Run the self-check',
  selfCheckRunning: 'Checking…',
  selfCheckOk: 'OK',
  selfCheckFailed: 'Failed',
  selfCheckManual: 'Manual check',
  selfCheckFound: 'Found: {found}',
  selfCheckFix: 'What to do: {fix}',

  check_kvs: 'App storage (scratch key)',
  check_kvs_found: 'write, read, detecting an existing key and delete work',
  check_kvs_fix: 'Check that the app has the storage:app scope and look at the code logged in "forge logs".',
  check_worker: 'Reading spreadsheets (background test)',
  check_worker_found: 'a generated template was read in the background',
  check_worker_fix: 'The runtime does not allow worker threads; tell the app team, with the output of "forge logs".',
  check_linkType: 'Link type "Cloners"',
  check_linkType_found: '"{outward}" / "{inward}"',
  check_linkType_fix: 'Create or restore the "Cloners" link type in the Jira settings (Issue linking).',
  check_fields: 'Jira Service Management fields',
  check_fields_found: 'Request Type: {requestType}; Organizations: {organizations}',
  check_fields_fix: 'This project must be a Jira Service Management project with the "Request Type" and "Organizations" fields.',
  check_requestTypes: 'Request types of the project',
  check_requestTypes_found: '{count} types: {names}',
  check_requestTypes_fix: "Add at least one request type to this project's portal.",
  check_requestTypes_no_request: 'there is no request in the project yet to tell its portal; raise one and run the self-check again',
  check_appPermissions: "The app's permissions in the project",
  check_appPermissions_found: 'missing: {missing}',
  check_appPermissions_all: 'has every permission it needs',
  check_appPermissions_fix: "Add the app's user to the role that grants these permissions in the project's permission scheme.",
  check_linkWording: 'Link wording (manual)',
  check_linkWording_steps:
    'After the first split ticket, open a new service ticket: under "Linked issues" it must say "clones" and the original\'s key; on the original, "is cloned by" and the new key. If it is the other way round, tell the app team.',
  check_notification: 'Customer notification (manual)',
  check_notification_steps:
    "After the first split ticket, check with the customer (or in the project's notification log) that they got the request-created e-mail for each new ticket and see it in the portal.",
  check_error: 'could not be checked: {detail}',
  check_not_available: 'this installation cannot check it',
};

export const selfCheckMessages = { ca, es, en };
export type SelfCheckMessageKey = keyof typeof ca;
export const selfCheckText = translator(selfCheckMessages);
