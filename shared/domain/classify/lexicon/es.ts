import type { Lexicon } from './types';

export const es: Lexicon = {
  reviewNoun: [
    'resen[a-z]*', 'valoracion[a-z]*', '(?<!(?:mi|en mi) )opinion(?:es)?', 'comentarios?', 'calificacion(?:es)?', 'puntuacion(?:es)?',
    'estrellas?', 'review', 'feedback', 'nota',
  ],
  changeVerb: [
    'elimin[a-z]*', 'borr[a-z]*', 'quit(?:ar|e|en|a|ad|arla|arlo|aria|ara)', 'retir[a-z]*', 'cambi[a-z]*', 'modific[a-z]*', 'actualiz[a-z]*',
    'edit[a-z]*', 'reconsider[a-z]*', 'correg[a-z]*', 'corrij[a-z]*', 'desaparezca', 'mejor(?:ar|e|en|ara|aria|arla)', 'sub(?:ir|a|an|e|as)(?:la|las|lo|los|le)?', 'retract[a-z]*', 'anul[a-z]*',
    'rectific[a-z]*', 'revis(?:ar|e|ara)', 'replante[a-z]*',
  ],
  positive: ['positivas?', 'buenas?', 'excelentes?', 'mejor(?:es)?', 'favorables?', 'perfectas?', '(?:5|cinco) estrellas'],
  askVerb: ['dej[a-z]*', 'pon(?:er|ga|gas)?', 'dar(?:nos)?', 'escrib(?:ir|a)', 'nos ayudaria', 'agradeceriamos', 'otorg[a-z]*', 'nos haria', 'nos encantaria'],
  incentive: [
    'reembols[a-z]*', 'devol(?:ver|vemos|veremos|vere)(?: (?:el|tu|su) dinero)?', 'regal[a-z]*', 'cupon(?:es)?', 'descuentos?', 'vales?',
    'compensacion', 'gratis', 'gratuit[a-z]*', 'pagar(?:le|te)?', 'bonificacion', 'codigo promocional',
  ],
  tie: ['si', 'una vez', 'cuando', 'en cuanto', 'tras', 'despues de', 'a cambio(?: de)?', 'por', 'siempre que', 'con la condicion'],
  noStrings: ['honesta?', 'sincera?', 'independientemente', 'sin condiciones', 'sin compromiso', 'libre(?:mente)?', 'nada que ver', 'o mala', 'o negativa', 'o no'],
  thanks: ['(?:muchas )?gracias (?:por|de nuevo por)', 'agradecemos', 'agradezco'],
  contactPhrase: [
    '(?:dame|pasame|enviame|mandame|dime|me das|me pasas|me envias|me mandas|podrias darme|puedes darme|dejame|deme|envieme|paseme) (?:tu|su) (?:correo|email|e-mail|mail|numero|telefono|movil|celular|whatsapp|contacto|insta(?:gram)?)',
    '(?:cual es) (?:tu|su) (?:correo|email|e-mail|mail|numero|telefono|movil|celular|whatsapp)',
    '(?:escribeme|escribame|contactame|contacteme|escribenos|contactenos|hablame|mandame un (?:mensaje|correo|whatsapp|email)) (?:directamente|por|al|a mi|en|fuera)',
    'llam(?:ame|eme|anos)',
    '(?:mi|nuestro) (?:correo|email|e-mail|numero|telefono|movil|whatsapp)(?: personal| privado)? (?:es|:)',
    '(?:correo|email|e-mail|numero|telefono|movil|celular) (?:personal|privado|particular)',
    'fuera de (?:la|esta) (?:plataforma|marketplace|aplicacion|app|web)',
  ],
  contactVerb: ['contact[a-z]*', 'escrib[a-z]*', 'agreg[a-z]*', 'anad[a-z]*', 'sigue[a-z]*', 'busca[a-z]*', 'habl[a-z]*'],
  registerAction: ['registr[a-z]*', 'activ[a-z]*', 'valid[a-z]*', 'ampli[a-z]*', 'extend[a-z]*'],
  dataRequest: ['numero de pedido', 'formulario', '(?:nuestra|esta|la) (?:web|pagina|enlace)', 'datos (?:personales|bancarios)', 'encuesta'],
  threat: [
    'te arrepentiras', 'se arrepentira', 'os arrepentireis', 'lo lamentara', 'lo vas a lamentar', 'abogados?',
    'acciones? legal(?:es)?', 'medidas legales', 'via judicial', 'una demanda', 'demandar(?:te|le|la)?', 'denuncia[a-z]*', 'juzgado',
    'tribunal(?:es)?', 'difamacion', 'calumnia', '(?:se|sabemos) donde vive[a-z]*', '(?:conozco|conocemos) (?:su|tu) direccion', 'consecuencias', 'ultima advertencia', 'ultimo aviso',
    'queda advertid[oa]', 'esta advertid[oa]', '(?:le|te) advierto', 'hasta que (?:me )?(?:respond|contest|quit|elimin|cambi|borr|modifiqu|retir)[a-z]*',
    '(?:todos los|cada) dias? hasta', 'seguire escribiendo', 'voy a seguir escribiendo', 'no parare', 'no (?:voy|vamos) a parar', 'seguire(?:mos)? escribiendo[a-z]*', 'este es (?:nuestro|mi) (?:segundo|tercer|cuarto|ultimo) (?:mensaje|aviso|recordatorio)', 'exigimos una respuesta', 'policia',
  ],
};
