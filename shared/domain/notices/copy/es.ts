import type { Block, Facts, SellerCopy } from '../letter';
import { heading, link, list, paragraph } from '../letter';

// Spanish letters open with a colon after the salutation.
const greeting = (facts: Facts) => paragraph(facts.sellerName ? `Hola, ${facts.sellerName}:` : 'Hola:');

const POLICY =
  'Póngase en contacto con los compradores únicamente a través del servicio de mensajería de la plataforma. No pida ' +
  'nunca a un comprador que elimine o modifique una valoración, ni condicione nunca un reembolso, un regalo o un pago a una valoración.';

/** The explanations come from our systems in English; say so rather than leave it unexplained. */
const evidence = (facts: Facts): Block[] => [
  list(facts.evidence),
  // Lines written in this language (from the case's signals) need no note that they are in English.
  ...(facts.localised ? [] : [paragraph('Estos datos se reproducen tal como los registraron nuestros sistemas, en inglés.')]),
];

const closing = (facts: Facts): Block[] => [
  paragraph('Atentamente,\nEl equipo de Confianza y Seguridad'),
  paragraph(`Referencia del caso: ${facts.caseId}\nCuenta de vendedor: ${facts.sellerId}`),
];

/** Seller notices in Spanish (Spain), in the formal register. */
export const es: SellerCopy = {
  locale: 'es-ES',

  warn: (facts) => ({
    subject: `Advertencia: contacto con compradores a propósito de sus valoraciones (caso ${facts.caseId})`,
    blocks: [
      greeting(facts),
      paragraph(
        `Hemos detectado en su cuenta de vendedor ${facts.sellerId} actividad contraria a nuestra política de comunicación con los compradores.`,
      ),
      heading('Lo que hemos observado'),
      ...evidence(facts),
      heading('Nuestra política'),
      paragraph(POLICY),
      heading('Próximos pasos'),
      paragraph(
        'No tiene que hacer nada más que poner fin a esta práctica de inmediato. Si volvemos a detectarla, le asignaremos ' +
          'un curso obligatorio sobre esta política; si continúa después, suspenderemos sus privilegios de venta.',
      ),
      paragraph(
        `Si considera que ha recibido esta advertencia por error, póngase en contacto con el servicio de asistencia a vendedores desde su portal de vendedor e indique la referencia del caso ${facts.caseId}.`,
      ),
      ...closing(facts),
    ],
  }),

  coach: (facts) => ({
    subject: `Acción necesaria: complete el curso antes del ${facts.deadline} (caso ${facts.caseId})`,
    blocks: [
      greeting(facts),
      paragraph(
        `Pese a nuestra advertencia anterior, hemos vuelto a detectar en su cuenta de vendedor ${facts.sellerId} actividad contraria a nuestra política de comunicación con los compradores:`,
      ),
      ...evidence(facts),
      paragraph(
        `Por ello, le hemos asignado un curso obligatorio sobre la comunicación con los compradores y las valoraciones. Le rogamos que lo complete antes del ${facts.deadline}:`,
      ),
      link('Acceder al curso', facts.courseUrl),
      paragraph('Cuando lo haya terminado, indíquelo en su portal de vendedor; quedará registrado en su caso.'),
      heading('Nuestra política'),
      paragraph(POLICY),
      paragraph(
        `Si no completa el curso antes del ${facts.deadline} o si la práctica continúa, suspenderemos sus privilegios de venta.`,
      ),
      ...closing(facts),
    ],
  }),

  suspend: (facts) => ({
    subject: `Hemos suspendido sus privilegios de venta (caso ${facts.caseId})`,
    blocks: [
      greeting(facts),
      paragraph(
        `Hemos suspendido los privilegios de venta de su cuenta ${facts.sellerId} por incumplir nuestra política de comunicación con los compradores. Esto es lo que hemos observado:`,
      ),
      ...evidence(facts),
      heading('Nuestra política'),
      paragraph(POLICY),
      heading('Cómo recurrir'),
      paragraph(
        `Para solicitar la reactivación de su cuenta, envíe un plan de acción a ${facts.appealAddress} e indique la referencia del caso ${facts.caseId}. Su plan de acción debe explicar:`,
      ),
      list([
        'la causa raíz: por qué se produjeron estos contactos con compradores;',
        'las medidas adoptadas: qué ha hecho ya para ponerles fin;',
        'la prevención: cómo evitará que vuelva a ocurrir.',
      ]),
      paragraph('Revisamos todos los planes de acción y le responderemos por correo electrónico.'),
      ...closing(facts),
    ],
  }),

  reinstated: (facts) => ({
    subject: `Hemos reactivado sus privilegios de venta (caso ${facts.caseId})`,
    blocks: [
      greeting(facts),
      paragraph(
        `Tras revisar su plan de acción, hemos reactivado los privilegios de venta de su cuenta ${facts.sellerId}. Le agradecemos las medidas que ha adoptado.`,
      ),
      paragraph('Le recordamos que el caso se refería a lo siguiente:'),
      ...evidence(facts),
      paragraph(`Le rogamos que siga respetando nuestra política: ${POLICY}`),
      paragraph('Cualquier nuevo incumplimiento podría dar lugar a una nueva suspensión.'),
      ...closing(facts),
    ],
  }),

  'appeal-rejected': (facts) => ({
    subject: `No hemos aceptado su recurso (caso ${facts.caseId})`,
    blocks: [
      greeting(facts),
      paragraph(
        `Hemos revisado su recurso relativo a la cuenta ${facts.sellerId} y, por el momento, no podemos reactivar sus privilegios de venta. La suspensión se mantiene.`,
      ),
      paragraph('El caso se refiere a lo siguiente:'),
      ...evidence(facts),
      paragraph(
        'Un plan de acción debe exponer la causa raíz, las medidas ya adoptadas y cómo evitará que vuelva a ocurrir, ' +
          'y debe responder a cada uno de los puntos anteriores.',
      ),
      paragraph(
        facts.appealAddress
          ? `Puede enviar un plan de acción revisado a ${facts.appealAddress} indicando la referencia del caso ${facts.caseId}.`
          : `Puede presentar un plan de acción revisado desde su portal de vendedor indicando la referencia del caso ${facts.caseId}.`,
      ),
      ...closing(facts),
    ],
  }),
};
