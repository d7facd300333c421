"""What the parser produces: an `Intent` per clause, or a `Refusal` that says why not."""

from dataclasses import dataclass, field


class Refusal(ValueError):
    """The command must not be executed; the message says why, for an operator.

    `final` refusals (unsafe, empty, oversized, absent objects or colours) stand whatever
    retrieval says; the others mean "the rules could not read this" and the planner may
    read the command by retrieval instead.
    """

    def __init__(self, reason, final=True):
        super().__init__(reason)
        self.final = final


NO_BLOCK = 'say which block: the red, blue or pink one'


def which_step(said):
    """Return the refusal of words that say no step of their own ("..., then red")."""
    return Refusal('"%s": which step, on which thing? say the step by name' % said)


@dataclass
class Intent:
    """One thing to do: a skill family and its slots, from one clause of the command."""

    family: str                 # rotate push slider drawer lift place stack unstack toggle
    slots: dict = field(default_factory=dict)    # push_into_drawer
    text: str = ''
    explicit: bool = True       # False for a grasp implied by "take X and put it ..."
    elided: bool = False        # the verb is the previous clause's ("..., the blue one left")
