"""Arms-transfer frames beyond a trigger and its own arguments (``data/transfer_frames.json``).

* contracts: "Hanwha won a contract with Poland to supply howitzers" (the transfer verb hangs
  off the contract noun; its holder and its "with" party fill the roles), "India signed a deal
  with the United States for drones";
* agent nouns: "Russia is the main arms supplier to Mali", "India, the largest importer of
  Russian arms", "one of the largest buyers of Russian weapons";
* principals ("on behalf of DIO"), participles ("the North providing shells"), purpose clauses
  ("to support Russia's war") and judged infinitives ("admitted it was a mistake to sell");
* fielding verbs: "Russia fired North Korean missiles", "drones supplied by Iran";
* holders for origin adjectives: "US-made F-16s make up Ukraine's fleet";
* deliberation: "is considering whether to supply", "wants to buy" is no event.

Small parse helpers are local: ``qualify.py`` uses this module, and ``frames.py`` imports
``qualify.py``.
"""

from __future__ import annotations

from spacy.tokens import Token

from .lexicon import word_set

_OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "pobj", "attr"})


def _with_deps(token: Token, deps: set[str]) -> list[Token]:
    return [child for child in token.children if child.dep_ in deps]


def preposition_objects(token: Token, preps: set[str]) -> list[Token]:
    """Objects of the given prepositions attached to ``token`` ("to Mali", "with Poland")."""
    return [
        pobj
        for prep in token.children
        if prep.dep_ in ("prep", "agent", "dative") and prep.lower_ in preps
        for pobj in _with_deps(prep, {"pobj"})
    ]


def contract_governor(verb: Token) -> tuple[Token | None, list[Token]]:
    """For "won a contract (with Poland) to supply ...": the verb that governs the contract noun
    (its subject holds the contract) and the contract's "with" party. The infinitive may hang off
    the noun or, in the parse, off the governing verb ("signed a contract with Poland to supply")."""
    contracts = word_set("transfer_frames", "contract_nouns")
    head = verb.head
    if verb.dep_ not in ("acl", "relcl", "xcomp", "advcl") or head.i == verb.i:
        return None, []
    if head.lemma_.lower() in contracts and head.dep_ in _OBJECT_DEPS:
        noun, governor = head, head.head
    else:
        noun = next((o for o in _with_deps(head, {"dobj"}) if o.lemma_.lower() in contracts), None)
        governor = head
    if noun is None:
        return None, []
    return governor, preposition_objects(noun, {"with"}) or preposition_objects(governor, {"with"})


def contract_for_goods(noun: Token) -> tuple[Token, list[Token], list[Token]] | None:
    """ "India signed a deal with the United States for 31 drones": the verb that governs the
    contract, the contract's "with" party and its "for" goods (on the noun or, in the parse, on
    the verb). None when the noun is no contract object."""
    if noun.lemma_.lower() not in word_set("transfer_frames", "contract_nouns") or noun.dep_ != "dobj":
        return None
    verb = noun.head
    goods = preposition_objects(noun, {"for"}) or preposition_objects(verb, {"for"})
    parties = preposition_objects(noun, {"with"}) or preposition_objects(verb, {"with"})
    return (verb, parties, goods) if goods and parties else None


def is_agent_noun(noun: Token) -> bool:
    lemma = noun.lemma_.lower()
    return lemma in word_set("transfer_frames", "supplier_agents") | word_set("transfer_frames", "recipient_agents")


def agent_roles(noun: Token) -> tuple[str, list[Token], list[Token]] | None:
    """Role of the agent, the tokens that are the agent, and the tokens of the other side:
    "Russia is the main supplier to Mali" gives ("supplier", [Russia], [Mali]); "Mali's supplier"
    makes Mali the recipient; "importer of Russian arms" leaves the origin to the caller."""
    supplies = noun.lemma_.lower() in word_set("transfer_frames", "supplier_agents")
    if noun.dep_ == "conj" and is_agent_noun(noun.head):
        # "the top buyer of oil and a major seller of drones to Baku": the first conjunct's agent
        first = agent_roles(noun.head)
        if first is None:
            return None
        noun_agents = first[1]
        possessors = _with_deps(noun, {"poss"})
        if supplies:
            return "supplier", noun_agents, preposition_objects(noun, {"to", "for"}) + possessors
        return "recipient", noun_agents, preposition_objects(noun, {"from"}) + possessors
    described = noun
    if noun.dep_ == "pobj" and noun.head.lower_ in ("of", "among"):
        # "one of the largest buyers", "among the biggest suppliers"
        described = noun.head.head if noun.head.head.dep_ == "attr" else noun.head
    if described.dep_ in ("attr", "prep") and described.head.lemma_ in ("be", "become", "remain"):
        agents = _with_deps(described.head, {"nsubj"})
    elif noun.dep_ == "appos":
        agents = [noun.head]
    else:
        return None
    possessors = _with_deps(noun, {"poss"})
    if supplies:
        others = preposition_objects(noun, {"to", "for"}) + possessors
        return "supplier", agents, others
    return "recipient", agents, preposition_objects(noun, {"from"}) + possessors


def origin_holders(weapon: Token) -> list[Token]:
    """Who holds weapons named with an origin adjective, when the clause says so: the subject of a
    holding verb ("Ukraine flies France's Mirages as well as US-made F-16s") or the possessor of
    an arsenal-like noun in the clause ("... make up most of Algeria's arsenal")."""
    head = weapon
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    holders: list[Token] = []
    if head.dep_ == "dobj" and head.head.lemma_.lower() in word_set("transfer_frames", "using_verbs"):
        holders += _with_deps(head.head, {"nsubj"})
    if not holders and head.dep_ in ("nsubj", "nsubjpass"):
        clause = head.head
        holding = word_set("transfer_frames", "holding_nouns")
        for token in clause.subtree:
            if token.lemma_.lower() in holding and token.i != weapon.i:
                holders += _with_deps(token, {"poss", "amod", "compound"})
    return holders


def principals(verb: Token) -> list[Token]:
    """ "shipped weapons to Syria on behalf of DIO": who the act was done for."""
    return [
        principal
        for behalf in preposition_objects(verb, {"on"})
        if behalf.lower_ == "behalf"
        for principal in preposition_objects(behalf, {"of"})
    ]


def is_fielding_verb(verb: Token) -> bool:
    return verb.lemma_.lower() in word_set("transfer_frames", "fielding_verbs")


def deliberated(trigger: Token) -> bool:
    """ "is considering whether to supply", "urged X to sell", "called for arms deliveries": a
    transfer only weighed or asked for is no event (``deliberation_verbs`` govern the trigger)."""
    verbs = word_set("transfer_frames", "deliberation_verbs")
    # The word as well as its lemma: small models lemmatise "hopes" as "hop".
    return any(
        {t.lemma_.lower(), t.lower_.removesuffix("s"), t.lower_.removesuffix("d")} & verbs for t in trigger.ancestors
    )


def purpose_beneficiaries(verb: Token) -> list[Token]:
    """ "providing shells to support Russia's war": the object of a purpose clause that helps
    someone is who receives."""
    purposes = [
        clause
        for clause in _with_deps(verb, {"advcl", "xcomp"})
        if clause.lemma_.lower() in word_set("transfer_frames", "purpose_verbs")
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
    ]
    return [o for clause in purposes for o in _with_deps(clause, {"dobj"})]


def participle_agent(verb: Token) -> list[Token]:
    """ "the North providing shells", "countries supplying arms": a present participle that
    modifies a noun has that noun as its subject."""
    return [verb.head] if verb.dep_ == "acl" and verb.tag_ == "VBG" else []


def extraposed_actor(verb: Token) -> list[Token]:
    """ "Merz admitted it was a mistake to sell tanks to Qatar": an infinitive judged in an
    "it was ... to" clause is the act of whoever makes the judgement."""
    judged = verb.head
    if verb.dep_ not in ("acl", "xcomp", "ccomp") or not any(c.lower_ == "to" for c in verb.children):
        return []
    copula = judged.head if judged.dep_ in ("attr", "acomp") else judged
    expletive = any(c.dep_ == "nsubj" and c.lower_ == "it" for c in copula.children)
    if not expletive or copula.lemma_ != "be" or copula.dep_ not in ("ccomp", "conj"):
        return []
    return _with_deps(copula.head, {"nsubj"})


def provenance(weapons: list[Token]) -> list[Token]:
    """Who made or supplied weapons, named on the weapons themselves: "drones supplied by Iran",
    "missiles made by China", "drones from Iran"."""
    verbs = word_set("transfer_frames", "provenance_verbs")
    found: list[Token] = []
    for weapon in weapons:
        for clause in _with_deps(weapon, {"acl"}):
            if clause.tag_ == "VBN" and clause.lemma_.lower() in verbs:
                found += preposition_objects(clause, {"by"})
        found += preposition_objects(weapon, {"from"})
    return found
