"""Word lists shared by the readers: what is never part of a name, what marks a business."""

from __future__ import annotations

import re


def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Folded words that never stand in a person's name in an answer or a message: function words,
# chatter, time words and the things a service text talks about. Name particles (de, la, van,
# del, st) are deliberately absent.
NOT_NAME = _set("""
a an the my our your his her their its it it's is are was were be been am being has have had
having do does did doing will would can could should shall may might must need needs needed want
wants wanted not no yes yeah yep yup sure ok okay okey hi hello hey hola thanks thank thx ty
please pls plz sorry so um umm uh well oh just also too very really here there this that these
those what when where which who whom how why if then than and or but nor for from with without to
in on at by of off up down out over under into onto about around near again still now today
tonight tomorrow yesterday asap morning afternoon evening night week weekend monday tuesday
wednesday thursday friday saturday sunday name number phone cell email address street avenue
road home house apartment apt unit place office work job i me we us you he she they them him
mine ours yours fine good great bad nice cool awesome perfect terrible urgent emergency help
helpful important serious sick tired busy free available ready done late early new old back
looking calling texting wondering trying writing reaching interested trouble problem issue
issues question leak leaks leaking leaky drip dripping clog clogged clogging broken broke
burst flooding flooded water heater heat heating ac air conditioner cooling furnace boiler toilet
sink faucet pipe pipes drain drains shower tub bath bathroom kitchen basement garage roof door
window outlet outlets breaker panel light lights wire wiring switch fan vent duct gas smell
fridge refrigerator freezer dishwasher washer dryer oven stove disposal sewer plumber plumbing
electrician electric electrical hvac repair repairs fix fixed fixing install installation
replace replacement service services maintenance inspection estimate quote appointment visit
come coming came go going went get got make makes made send sent call called text texted
noise noisy loud cold hot warm running working stopped stuck slow weird strange landlord
tenant owner homeowner renter manager resident superintendent neighbor customer client
idk dunno lol lmao huh why what who k kk hm hmm nvm stop agent human operator representative
cancel unsubscribe restart menu
hola necesito tengo tiene hay mi mis su es son esta estoy fuga agua baño cocina casa por para
que con una uno unos unas el los las lo se sí si gracias favor ayuda hoy mañana manana
tarde noche lunes martes miercoles jueves viernes sabado domingo semana urgente
""")

# Words that make an answer a business name: strong ones alone ("Acme LLC", "Riverside Vet
# Clinic"); weak ones are also surnames ("Mary Church"), so they need three words, a possessive
# or a leading "the".
COMPANY_STRONG = _set("""
llc l.l.c inc inc. incorporated corp corp. corporation co co. company ltd ltd. limited pllc llp
lp plc gmbh properties property management mgmt services realty realtors holdings group hoa
apartments condos condominiums plumbing heating cooling hvac electric electrical roofing
construction contractors contracting builders landscaping cleaning janitorial restaurant deli
cafe café bakery pizzeria pizza grill diner bar pub taqueria panaderia clinic vet veterinary
dental dentistry pharmacy hospital salon spa barbershop studio gym fitness academy enterprises
industries solutions systems associates partners motors automotive auto garage warehouse
logistics storage hotel motel inn lodge market supermarket foods farm ranch daycare preschool
montessori ministries tienda iglesia escuela restaurante sa living care homes rentals
residences villas lofts towers apartments condominium hoa dental
""")
COMPANY_WEAK = _set("""
church school bank center centre shop store house kitchen brothers bros sons daughters trust
foundation association society club office offices law firm university college institute
""")

# Words of a service request; a phrase with one of them is a need, not a name or a time.
SERVICE = re.compile(
    r"\b(leak\w*|drip\w*|clog\w*|drain\w*|toilet|faucet|sink|pipe\w*|water heater|heater|"
    r"boiler|furnace|heat(?:ing)?|a/?c|air condition\w*|hvac|thermostat|outlet\w*|breaker\w*|"
    r"wiring|electric\w*|lights?|panel|switch\w*|fan|install\w*|repair\w*|replac\w*|broken|"
    r"broke|fix\w*|not working|doesn'?t work|won'?t|no heat|no hot water|no power|burst|"
    r"flood\w*|sewer|garbage disposal|disposal|dishwasher|washer|dryer|fridge|refrigerator|"
    r"freezer|oven|stove|vent\w*|duct\w*|gas|smell\w*|shower|tub|bathtub|water|roof\w*|gutter\w*|"
    r"mold|noise|noisy|banging|cooling|cold air|hot water|maintenance|tune.?up|inspection|"
    r"estimate|quote|backed up|overflow\w*|fuga|gotea\w*|tapad\w*|descompuest\w*|roto|rota|"
    r"calentador|inodoro|lavabo|fregadero|tuberia|tubo|aire acondicionado|calefaccion|"
    r"luz|enchufe|no funciona|no sirve|reparar|arreglar|instalar|cambiar)\b", re.I)

# A thing a new need is about (a fixture, an appliance, "another job"): "my water heater is
# leaking now" after an office text is a new request; "it's still leaking" is about the
# job the office is already on, and so are words that say it goes on ("still", "again").
THING = re.compile(
    r"\b(toilet|faucet|sink|pipes?|water heater|heater|boiler|furnace|a/?c|air condition\w*|"
    r"hvac|thermostat|outlets?|breakers?|wiring|lights?|panel|switch\w*|fan|sewer|disposal|"
    r"dishwasher|washer|dryer|fridge|refrigerator|freezer|oven|stove|vents?|ducts?|shower|"
    r"tub|bathtub|roof|gutters?|drains?|calentador|inodoro|lavabo|fregadero|tuber[ií]a|tubo|"
    r"aire acondicionado|calefacci[oó]n|enchufe|luz|install\w*|instalar|"
    r"(?:another|other|new|otro|otra|nuevo|nueva) (?:job|service|servicio|problem|problema|"
    r"issue|repair|trabajo))\b", re.I)
ONGOING = re.compile(r"\b(still|again|keeps?|todav[ií]a|sigue|otra vez|de nuevo)\b", re.I)


def names_new_thing(text: str) -> bool:
    """The message is about a thing of its own, not the job already under way."""
    return bool(THING.search(text)) and not ONGOING.search(text)
