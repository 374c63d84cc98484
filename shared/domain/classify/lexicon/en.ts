import type { Lexicon } from './types';

export const en: Lexicon = {
  reviewNoun: [
    "(?<!(?:to|will|ll|can|could|please|we|i|and|must|should|would|shall|us|you|may|might|then|first|let's|lets) )review[a-z]*",
    'rating[a-z]*', 'feedback[a-z]*', 'stars?', 'comments?', 'evaluation[a-z]*', 'scores?', 'testimonial[a-z]*',
  ],
  changeVerb: [
    'remov[a-z]*', 'delet[a-z]*', 'withdr[a-z]*', 'retract[a-z]*', 'chang[a-z]*', 'make (?:it|that|this|them) (?:an? )?(?:4|5|four|five)', 'edit[a-z]*', 'updat[a-z]*',
    'modif[a-z]*', 'revis[a-z]*', 'amend[a-z]*', 'reconsider[a-z]*', 'rethink[a-z]*', 'adjust[a-z]*', 'rais[a-z]*',
    'improv[a-z]*', 'upgrad[a-z]*', 'bump[a-z]*', 'revisit[a-z]*', 'correct[a-z]*', 'redo', 'rewrit[a-z]*',
    'eras[a-z]*', 'pull(?:ing)?', 'swap[a-z]*', 'knock(?:ing)?(?= (?:it|that|this|them) up)', 'cancel[a-z]*', 'increas[a-z]*', 'tak(?:e|ing) (?:off|back|down)',
    'take (?:it|that|this|them) (?:down|off|back)', 'get rid of',
    "tak(?:e|ing)(?= (?:[a-z0-9'-]+ ){0,4}(?:review|rating|feedback|comment|stars?)[a-z]* (?:down|off))", 'look at (?:your|the) [a-z]+ again',
  ],
  positive: [
    'positive', 'good', 'great', 'nice', 'excellent', 'glowing', 'perfect', 'favou?rable', 'top', 'better', 'best',
    'amazing', 'kind', 'stellar', 'raving', 'happy', 'high(?:er)?',
    '(?:5|five|full|max(?:imum)?)[ -]?stars?',
  ],
  askVerb: [
    'leave', 'leaving', 'give', 'giving', 'write', 'writing', 'post', 'posting', 'put', 'rate', 'appreciate',
    "would love", 'would (?:really |truly |so |totally |definitely )?(?:help|make (?:us|our|my)|mean)', 'make (?:our|my) day', 'help us', 'grateful', 'mean[a-z]* (?:a lot|the world|so much)', 'would mean', 'hope',
    "we'?d love", 'would be (?:great|amazing|awesome|appreciated|wonderful)',
  ],
  incentive: [
    'refund[a-z]*', 'reimburs[a-z]*', 'money back', 'gifts?', 'gift cards?', 'vouchers?', 'coupons?', 'discounts?',
    '\\d+ ?% off', 'free (?:product|item|gift|replacement|unit|sample)s?', 'compensat[a-z]*', 'cash ?back', 'paypal',
    'bonus', 'pay (?:you|for)', 'payment', 'credit', 'something extra',
  ],
  tie: [
    'if', 'once', 'after', 'when', 'as soon as', 'in exchange(?: for)?', 'in return(?: for)?', 'for', 'provided',
    'against', 'on condition', 'as long as', 'only if', 'in order',
  ],
  noStrings: [
    'honest', 'regardless', 'either way', 'no strings', 'whatever you', 'free to', 'no obligation', 'not conditional',
    'independent(?:ly)?', 'unconditional', 'not (?:linked|tied|related)', 'nothing to do with', 'or bad', 'or negative', 'or not',
  ],
  thanks: ['thanks? (?:a lot |so much |again )?for', 'thank you (?:so much |very much |again )?for', 'grateful for', 'appreciate(?:d)? (?:your|the)'],
  contactPhrase: [
    // verbs that name a channel themselves: "text me", "e-mail us"
    "(?:e-?mail|text|call|ring|phone|whatsapp|dm|pm|sms) (?:me|us)(?! (?:on|via|through|here on|in) (?:the )?(?:marketplace|platform|app|chat|here))",
    // generic verbs ("reach us", "contact me") only with an off-platform channel in the same sentence:
    // "the best place to reach us" or "reach us here in the chat" are not off-platform contact
    "(?:message|ping|contact|reach|write to|hit(?: up)?) (?:me|us)(?=[^.!?]{0,50}(?:e-?mail|mail|phone|number|whats ?app|telegram|signal|insta|sms|text|direct(?:ly)?|privately|personally|outside|off (?:the |this )?(?:platform|site|app|marketplace)))(?![^.!?]{0,50}(?:marketplace|platform|in (?:the|this) (?:chat|thread|conversation)|here))",
    'send (?:me|us) (?:an? )?(?:e-?mail|text|sms|dm|whatsapp|message on)',
    "(?:what'?s|what is|give me|send me|share|can i (?:get|have)|could (?:you|i) (?:send|give|share|get|have)(?: me)?|leave me|tell me|need|drop me|pass me|may i have|please provide) (?:your|ur|yr) (?:personal |private |direct |own |real |best )?(?:e-?mail|email address|mail|phone|number|mobile|cell|whatsapp|telegram|instagram|insta|contact(?: details| info)?|socials?)",
    '(?:personal|private|direct) (?:e-?mail|email address|number|phone(?: number)?|contact|mobile|cell)',
    '(?:my|our) (?:personal |private |direct )?(?:e-?mail(?: address)?|number|phone(?: number)?|mobile|cell|whatsapp|insta(?:gram)?|telegram)(?: is|:)',
    '(?:outside|off) (?:of )?(?:the |this )?(?:platform|marketplace|app|site|website)',
    'directly (?:by|via|through|over|on) (?:e-?mail|phone|text|whatsapp)',
    'dm me', 'pm me', 'direct message',
  ],
  contactVerb: ['contact', 'write', 'message', 'text', 'dm', 'add', 'follow', 'find', 'reach', 'chat', 'talk', 'ping'],
  registerAction: ['register[a-z]*', 'activat[a-z]*', 'validat[a-z]*', 'claim[a-z]*', 'extend[a-z]*', 'unlock[a-z]*', 'confirm[a-z]*'],
  dataRequest: [
    '(?:your )?order (?:number|id|no)', 'form', 'survey', '(?:our|the|this|following) (?:website|site|page|link)',
    '(?:your )?(?:personal )?(?:details|data|card details|full name|address)',
  ],
  threat: [
    "(?:you'?ll|you will|you'?re going to) (?:regret|be sorry)", 'regret (?:it|this)', 'or else', 'legal (?:action|steps|proceedings)',
    'take (?:you|this|it) to court', 'see you in court', 'sue (?:you|for)', 'lawsuit', '(?:my|our) (?:lawyers?|attorneys?|legal team|solicitors?)',
    'report (?:you|your (?:shop|store|account))', 'call the police', 'press charges',
    '(?:i|we) know where you (?:live|are)', '(?:we|i) know your (?:home )?address', 'consequences', '(?:final|last) warning',
    "i'?m warning you", 'you (?:have|\'ve) been warned', 'defamation', 'libel', 'slander', 'cease and desist', 'make your life',
    "(?:i|we)(?:'ll| will) keep (?:writing|messaging|emailing|calling|contacting|texting|sending)", '(?:you will|you\'ll) hear from (?:us|me) (?:every (?:day|hour)|daily|again and again)',
    '(?:every (?:day|hour)|daily|again and again|non-?stop),? until', 'until you (?:answer|reply|respond|remove|delete|change|take|do|comply|fix)',
    "(?:won'?t|will not|not going to) stop", 'watch your back', 'this is (?:our|my) (?:second|third|fourth|fifth|2nd|3rd|4th|5th|last|final) (?:message|reminder|e-?mail|request)', '(?:we|i) (?:expect|demand|insist on|require) (?:an?|your) (?:immediate |prompt )?(?:answer|reply|response)', '(?:we|i)(?:\'ll| will) find you', 'expose you', 'ruin your',
  ],
};
