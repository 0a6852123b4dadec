"""Spanish: every question, re-ask, summary line and closing the conversation sends."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "ask.name": "¿Cuál es su nombre? (nombre y apellido, o el nombre de su empresa)",
    "ask.phone": "¿Cuál es el mejor número de teléfono para contactarle?",
    "ask.address": "¿Cuál es la dirección del servicio? (número y calle, "
                   "p. ej. 42 Elm St, Springfield IL 62704)",
    "ask.service": "¿En qué le podemos ayudar? (p. ej. fuga en el calentador, no hay "
                   "calefacción, un enchufe no funciona)",
    "ask.when": "¿Cuándo le gustaría que vayamos? (p. ej. lo antes posible, mañana por la "
                "mañana, el martes a las 3pm)",
    "ask.email": "¿Cuál es su correo electrónico? (opcional: responda OMITIR para omitirlo)",
    "ask.phone.caller": "¿Es {phone} el mejor número para contactarle? "
                        "(responda SI, o envíe otro número)",
    "ask.address.known": "¿La misma dirección, {address}? "
                         "(responda SI, o envíe la nueva dirección)",
    "ask.email.known": "¿El mismo correo, {email}? (responda SI, OMITIR, o envíe otro)",
    "ask.name.last": "¡Gracias, {name}! ¿Y su apellido? (o el nombre de su empresa)",
    "reask.name.single": "¡Gracias! ¿Y su apellido? Envíe su nombre y apellido "
                         "(p. ej. María López), o el nombre de su empresa.",
    "reask.name.invalid": "Perdón, eso no parece un nombre. Envíe su nombre y apellido "
                          "(p. ej. María López), o el nombre de su empresa.",
    "reask.phone": "Eso no parece un número de teléfono. Envíelo con el código de área, "
                   "p. ej. (555) 123-4567, o +52 55 1234 5678 fuera de EE. UU.",
    "reask.address": "No pude leer eso como una dirección: necesito el número y la calle, "
                     "p. ej. 42 Elm St, Springfield IL 62704. ¿Cuál es la dirección del "
                     "servicio?",
    "reask.service": "Cuénteme en pocas palabras en qué le podemos ayudar "
                     "(p. ej. fuga en el calentador).",
    "reask.when.unparsed": "Perdón, no entendí esa hora. ¿Cuándo le gustaría que vayamos? "
                           "p. ej. lo antes posible, mañana por la mañana, el viernes.",
    "reask.when.past": "Esa hora ya pasó. ¿Cuándo le gustaría que vayamos? "
                       "p. ej. lo antes posible, mañana por la mañana.",
    "reask.when.too_far": "Eso es dentro de más de un año. ¿Cuándo le gustaría que vayamos? "
                          "p. ej. la próxima semana.",
    "reask.email": "Eso no parece un correo electrónico (p. ej. nombre@ejemplo.com). "
                   "Envíelo de nuevo, o responda OMITIR.",
    "reask.yes_no": "Responda SI o NO, por favor.",
    "reask.summary": "Responda SI para enviar la solicitud, o dígame qué cambiar: "
                     "nombre, teléfono, dirección, servicio, hora o correo.",
    "reask.empty": "No recibí texto en ese mensaje.",
    "reask.media": "¡Gracias por la foto! Aquí solo puedo leer texto; la pasaré a la oficina, "
                   "pero descríbalo también con palabras, por favor.",
    "greet.thanks": "¡Gracias, {name}!",
    "greet.back": "¡Bienvenido de nuevo, {name}!",
    "greet.back.anonymous": "¡Bienvenido de nuevo!",
    "changed": "Listo, cambié {fields}.",
    "changed.field": "{field} a {value}",
    "closing": "{who} Recibimos su solicitud. {business} le contactará al {phone} para "
               "confirmar la visita. Escríbanos aquí si algo cambia.",
    "closing.who": "¡Gracias, {name}!",
    "closing.anonymous": "¡Gracias!",
    "handoff.ack": "De acuerdo, alguien de {business} le llamará al {phone} lo antes posible.",
    "handoff.phone": "Claro, una persona le llamará. ¿Cuál es el mejor número para "
                     "contactarle?",
    "start_over": "De acuerdo, empecemos de nuevo.",
    "never_mind": "De acuerdo, descarté esta solicitud. Escríbanos cuando necesite servicio. "
                  "(Para no recibir más mensajes, responda PARAR.)",
    "never_mind.after": "De acuerdo. Su solicitud sigue con {business}; no se canceló nada. "
                        "Para cancelarla, responda CANCELAR SOLICITUD.",
    "never_mind.idle": "De acuerdo. No hay ninguna solicitud en curso. Escríbanos cuando "
                       "necesite servicio.",
    "cancel.which": "¿Quiere dejar de recibir mensajes, o cancelar su solicitud? Responda "
                    "PARAR para no recibir más mensajes, o CANCELAR SOLICITUD para cancelarla.",
    "cancel.done": "Su solicitud fue cancelada y avisamos a {business}. Escríbanos cuando "
                   "necesite servicio.",
    "cancel.dropped": "De acuerdo, descarté esta solicitud; no se envió nada a {business}.",
    "cancel.none": "No hay ninguna solicitud abierta para cancelar. Escríbanos cuando "
                   "necesite servicio.",
    "cancel.kept": "De acuerdo, no se canceló nada.",
    "back.first": "Estamos en la primera pregunta.",
    "address.kept": "Gracias, pasaré esa dirección a la oficina tal como la escribió, "
                    "y la confirmarán con usted.",
    "ack": "¡De nada! {business} se pondrá en contacto. Escríbanos si algo cambia.",
    "ack.cancelled": "¡De nada! Escríbanos cuando necesite servicio.",
    "summary.title": "Esta es su solicitud:",
    "summary.footer": "Responda SI para enviarla, o dígame qué cambiar "
                      "(nombre, teléfono, dirección, servicio, hora o correo).",
    "summary.none": "(ninguno)",
    "when.asap": "lo antes posible",
    "when.any": "cualquier momento",
    "field.name": "el nombre", "field.phone": "el teléfono", "field.address": "la dirección",
    "field.service": "el servicio", "field.when": "la hora", "field.email": "el correo",
    "field.consent": "los mensajes", "field.referral": "cómo nos conoció",
    "label.name": "Nombre", "label.phone": "Teléfono", "label.address": "Dirección",
    "label.service": "Servicio", "label.when": "Cuándo", "label.email": "Correo",
    "label.referral": "Nos conoció por",
    "ask.referral": "Una última cosa: ¿cómo nos conoció? (p. ej. Google, un amigo, Facebook, "
                    "Yelp; responda OMITIR para omitir)",
    "reask.referral": "Perdón, no entendí. ¿Cómo nos conoció? (p. ej. Google, un amigo, "
                      "Yelp), o responda OMITIR.",
}

FIELD_WORDS: dict[str, str] = {
    "nombre": "name", "apellido": "name", "teléfono": "phone", "telefono": "phone",
    "número": "phone", "numero": "phone", "celular": "phone", "dirección": "address",
    "direccion": "address", "calle": "address", "servicio": "service",
    "problema": "service", "hora": "when", "día": "when", "dia": "when", "fecha": "when",
    "cita": "when", "correo": "email", "email": "email", "correo electrónico": "email",
}

MARKERS: tuple[str, ...] = (
    "en realidad", "mejor", "cambia", "cambie", "cambiar", "corrige", "corregir",
    "me equivoqué", "me equivoque", "perdón", "perdon", "error", "no es", "quise decir",
    "mal",
)

COMMANDS: dict[str, str] = {
    "empezar de nuevo": "start_over", "empezar otra vez": "start_over",
    "volver a empezar": "start_over", "reiniciar": "start_over",
    "no importa": "never_mind", "olvídalo": "never_mind", "olvidalo": "never_mind",
    "déjalo": "never_mind", "dejalo": "never_mind",
    "atrás": "back", "atras": "back", "volver": "back", "regresar": "back",
}

GLUE: frozenset[str] = frozenset({"el", "la", "mi", "es", "a", "por", "favor", "de", "no",
                                  "que", "ya", "pues", "y"})
CANCEL_REPLIES: frozenset[str] = frozenset({"cancelar solicitud", "cancelar la solicitud"})
REQUEST_WORDS: tuple[str, ...] = ("solicitud", "cita", "servicio", "pedido", "visita")
FUNCTION_WORDS: frozenset[str] = frozenset()

_LEADS = r"(?:(?:en realidad|oye|mejor|y|ah|perdón|perdon|hola),? )*"
HANDOFF: tuple[str, ...] = (
    _LEADS + r"(?:por favor )?(?:ll[aá]m(?:e|en|a)me|ll[aá]menme|me pueden llamar|"
    r"pueden llamarme)(?: por favor| pronto| ya)*",
    _LEADS + r"(?:quiero |quisiera |puedo )?hablar con (?:una persona|alguien|un agente|"
    r"la oficina|un humano|una persona real)(?: por favor)?",
)
