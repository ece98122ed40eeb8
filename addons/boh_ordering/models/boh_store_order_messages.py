"""The refusals of the store order's buttons, one whole sentence each.

Each is a function ``(env, **args)`` translating its sentence in the user's
language with ``args`` (``orders``; or ``name`` and ``state``).
"""

# {action: refusal of the action to a user without the role} (%(orders)s)
GROUP_ERRORS = {
    "submit": lambda env, **args: env._(
        "You are not allowed to submit store orders (%(orders)s).", **args
    ),
    "submit_late": lambda env, **args: env._(
        "You are not allowed to approve late store orders (%(orders)s).", **args
    ),
    "draft": lambda env, **args: env._(
        "You are not allowed to reset store orders (%(orders)s).", **args
    ),
    "approve": lambda env, **args: env._(
        "You are not allowed to approve store orders (%(orders)s).", **args
    ),
    "fulfil": lambda env, **args: env._(
        "You are not allowed to fulfil store orders (%(orders)s).", **args
    ),
    "receive": lambda env, **args: env._(
        "You are not allowed to receive store orders (%(orders)s).", **args
    ),
    "close": lambda env, **args: env._(
        "You are not allowed to close store orders (%(orders)s).", **args
    ),
    "cancel": lambda env, **args: env._(
        "You are not allowed to cancel approved store orders (%(orders)s).", **args
    ),
    "late_request": lambda env, **args: env._(
        "You are not allowed to request a late approval for store orders (%(orders)s).",
        **args,
    ),
    "late_refuse": lambda env, **args: env._(
        "You are not allowed to refuse the late approval of store orders (%(orders)s).",
        **args,
    ),
}
# {action: refusal of the action in the order's state} (boh.store.document.mixin)
STATE_ERRORS = {
    "unlink": lambda env, **args: env._(
        "Order %(name)s is %(state)s: cancel it instead of deleting it.", **args
    ),
    "generate": lambda env, **args: env._(
        "Order %(name)s is %(state)s: you cannot add the lines of its guide.", **args
    ),
    "refresh": lambda env, **args: env._(
        "Order %(name)s is %(state)s: you cannot refresh its suggestions.", **args
    ),
    "submit": lambda env, **args: env._(
        "Order %(name)s is %(state)s: you cannot submit it.", **args
    ),
    "draft": lambda env, **args: env._(
        "Order %(name)s is %(state)s: you cannot reset it to draft.", **args
    ),
    "approve": lambda env, **args: env._(
        "Order %(name)s is %(state)s: you cannot approve it.", **args
    ),
    "fulfil": lambda env, **args: env._(
        "Order %(name)s is %(state)s: you cannot fulfil it.", **args
    ),
    "receive": lambda env, **args: env._(
        "Order %(name)s is %(state)s: you cannot mark it as received.", **args
    ),
    "close": lambda env, **args: env._(
        "Order %(name)s is %(state)s: you cannot close it.", **args
    ),
    "cancel": lambda env, **args: env._(
        "Order %(name)s is %(state)s: you cannot cancel it.", **args
    ),
    "late_request": lambda env, **args: env._(
        "Order %(name)s is %(state)s: you cannot request a late approval for it.",
        **args,
    ),
    "late_refuse": lambda env, **args: env._(
        "Order %(name)s is %(state)s: you cannot refuse its late approval.", **args
    ),
}
