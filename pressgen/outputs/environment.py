"""The one Jinja environment: a sandbox that lets templates read data and nothing else.

Built-in and own templates run in the same sandbox. It allows attribute access
only to plain data (the Records and tuples of the presentation, strings,
numbers, dates) and calls only to what pressgen registers (filters, a few of
Jinja's own helpers, read-only string and mapping methods). Work is bounded:
numbers and repetitions cannot grow without end, and a template that calls or
loops too often is stopped with a located error.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import hashlib
import os
import re
import stat
import textwrap
from collections.abc import Callable, Iterator, MutableMapping, Sequence
from dataclasses import fields
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import jinja2
from jinja2 import filters as jinja_filters
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.environment import TemplateModule
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path
from jinja2.nodes import EvalContext
from jinja2.runtime import BlockReference, LoopContext, Macro
from jinja2.sandbox import SandboxedEnvironment, safe_range
from jinja2.utils import Cycler, Joiner, Namespace
from markupsafe import Markup

from pressgen.errors import DataError, Problem
from pressgen.german import typography
from pressgen.messages import _
from pressgen.outputs import colour
from pressgen.present.event import TEMPLATE_TYPES, Record
from pressgen.present.language import LANGUAGES
from pressgen.source import prose

TEXT_WIDTH = 72


class TemplateError(DataError):
    """A template could not be rendered; says which template and line."""

    @classmethod
    def located(cls, error: BaseException, name: str) -> TemplateError:
        """The template file and line of an error raised while rendering `name`."""
        filename, line = name, 1
        if isinstance(error, jinja2.TemplateSyntaxError):
            filename, line = error.filename or name, error.lineno
        elif isinstance(error, SyntaxError) and error.filename:
            filename = error.filename  # the template Python could not compile
        else:
            traceback = error.__traceback__
            while traceback is not None:
                code = traceback.tb_frame.f_code.co_filename
                if code.endswith(".j2"):
                    filename, line = code, traceback.tb_lineno
                traceback = traceback.tb_next
        return cls([Problem(Path(filename), line, 1, _explain(error), code="PG010")])


def _explain(error: BaseException) -> str:
    if isinstance(error, SyntaxError) or (
        isinstance(error, RecursionError) and "nest" in str(error)
    ):
        return _(
            "the template nests loops, conditions or blocks too deeply inside each other "
            "(Python allows 20 loops, pressgen counts fewer than 100 levels); take some out"
        )
    if isinstance(error, RecursionError):
        return _(
            "the template includes or extends itself, or a macro calls itself without end; "
            "remove the loop"
        )
    if isinstance(error, SecurityError):
        return _("not allowed in a template: {error}").format(error=error)
    if isinstance(error, jinja2.TemplateNotFound):
        return _(
            "there is no template {name} (neither your own nor a built-in one); "
            "check the name in {include} or {extends}"
        ).format(name=error.name, include="{% include %}", extends="{% extends %}")
    if isinstance(error, jinja2.TemplateError):
        return error.message or str(error)
    if isinstance(error, OverflowError | MemoryError):
        return _("the template asks for too much: {error}").format(error=error)
    return f"{type(error).__name__}: {error}"


# What a template may do that goes wrong in ordinary Python: all of it is the
# template's mistake and is reported at its line, never as a traceback.
_TEMPLATE_FAILURES = (
    jinja2.TemplateError,
    ArithmeticError,
    AttributeError,
    LookupError,
    MemoryError,
    RecursionError,
    SyntaxError,  # Python's own limit: loops nested too deeply to compile
    TypeError,
    ValueError,
)


def builtin_templates_dir() -> Path:
    """The built-in templates: inside the installed package, or at the top of a checkout."""
    package = Path(__file__).resolve().parent.parent  # pressgen/
    installed = package / "templates"
    return installed if installed.is_dir() else package.parent / "templates"


def _autoescape(template_name: str | None) -> bool:
    # HTML and MJML are escaped; plain-text templates are not.
    if template_name is None:
        return True
    return template_name.removesuffix(".j2").endswith((".html", ".mjml"))


# ---------------------------------------------------------------- the sandbox

# Read-only methods of strings a template may call: "x".upper(), title.startswith("…").
_STR_METHODS = frozenset(
    {
        "capitalize", "casefold", "center", "count", "endswith", "find", "index", "isalnum",
        "isalpha", "isdecimal", "isdigit", "islower", "isnumeric", "isspace", "istitle",
        "isupper", "join", "ljust", "lower", "lstrip", "partition", "removeprefix",
        "removesuffix", "replace", "rfind", "rindex", "rjust", "rpartition", "rsplit", "rstrip",
        "split", "splitlines", "startswith", "strip", "swapcase", "title", "upper", "zfill",
        "striptags", "unescape",
    }
)  # fmt: skip
_MAPPING_METHODS = frozenset({"items", "keys", "values", "get"})
_DATE_FIELDS = frozenset({"year", "month", "day", "hour", "minute", "second"})
_MACRO_FIELDS = frozenset({"name", "arguments", "catch_kwargs", "catch_varargs", "caller"})

# Work one rendering may do: calls (macros, filters called as functions) and
# range() steps. The built-in templates need a few hundred of each.
MAX_CALLS = 100_000
MAX_RANGE_STEPS = 100_000  # the steps of every loop and range() of one rendering
# How long a string or list made by * may get, and how many bits a number made by **.
MAX_REPEAT = 100_000
MAX_POWER_BITS = 4_096
MAX_WIDTH = 10_000  # for center, indent, batch, slice and %-formatting widths
MAX_OUTPUT_CHARS = 20_000_000


class _Budget:
    def __init__(self) -> None:
        self.calls = MAX_CALLS
        self.steps = MAX_RANGE_STEPS


_budget: contextvars.ContextVar[_Budget] = contextvars.ContextVar("pressgen_template_budget")
# The files of the templates one rendering loaded (itself, what it extends and includes).
_used: contextvars.ContextVar[list[str]] = contextvars.ContextVar("pressgen_templates_used")


def _spend(kind: str) -> None:
    budget = _budget.get(None)
    if budget is None:
        return
    left = getattr(budget, kind) - 1
    setattr(budget, kind, left)
    if left < 0:
        if kind == "calls":
            message = _("the template makes more than {limit} calls").format(limit=MAX_CALLS)
        else:
            message = _("the template makes more than {limit} loop steps").format(
                limit=MAX_RANGE_STEPS
            )
        raise SecurityError(message)


def _bounded_range(*args: int) -> Iterator[int]:
    numbers = safe_range(*args)  # refuses more than 100,000 numbers at once
    for number in numbers:
        _spend("steps")
        yield number


_WIDE_FORMAT = re.compile(r"%[-#0 +]*(?:\*|\d{5,})|%[-#0 +]*\d*\.(?:\*|\d{5,})")
_WIDE_FIELD = re.compile(r"\{[^{}]*:[^{}]*(?:\d{5,}|\{)")


def _counted_steps(items: Any) -> Iterator[Any]:
    """What a {% for %} loop walks through, each step paid from the rendering's budget: a
    loop over a long string or list ends with a located error, not after minutes."""
    for item in items:
        _spend("steps")
        yield item


def _too_long() -> str:
    return _("a text or list longer than {limit} is not allowed").format(limit=MAX_OUTPUT_CHARS)


def _bounded_text(text: Any) -> Any:
    """The result of ~ (and +): never longer than a whole output may be."""
    if isinstance(text, str | list | tuple) and len(text) > MAX_OUTPUT_CHARS:
        raise SecurityError(_too_long())
    return text


def _add(left: Any, right: Any) -> Any:
    return _bounded_text(left + right)


def _result_bounded(filter_function: Callable[..., Any]) -> Callable[..., Any]:
    """A Jinja filter whose result is never longer than a whole output may be."""

    def bounded(*args: Any, **kwargs: Any) -> Any:
        return _bounded_text(filter_function(*args, **kwargs))

    bounded.__dict__.update(getattr(filter_function, "__dict__", {}))  # pass_context and such
    return bounded


# str methods that make a text as long as a number says.
_WIDENING_METHODS = frozenset({"ljust", "rjust", "center", "zfill", "expandtabs"})


def _check_growth(method: str, text: str, args: tuple[Any, ...]) -> None:
    """Refuse a replace or join whose result would be too long, before it is made: the
    result of replace('x', 'y' * 100000) on 100,000 x would take 10 GB to hold."""
    if method == "replace" and len(args) >= 2 and isinstance(args[0], str):
        old, new = args[0], str(args[1])
        count = text.count(old) if old else len(text) + 1
        if len(text) + count * (len(new) - len(old)) > MAX_OUTPUT_CHARS:
            raise SecurityError(_too_long())
    elif method == "join" and args and isinstance(args[0], list | tuple):
        total = sum(len(str(item)) for item in args[0]) + len(text) * len(args[0])
        if total > MAX_OUTPUT_CHARS:
            raise SecurityError(_too_long())


def _growth_checked(method: str, filter_function: Callable[..., Any]) -> Callable[..., Any]:
    """The replace and join filters, refused before they make a text too long."""

    def checked(*args: Any, **kwargs: Any) -> Any:
        values = [arg for arg in args if not isinstance(arg, EvalContext)]
        if method == "replace" and len(values) >= 3:
            _check_growth("replace", str(values[0]), tuple(values[1:]))
        if method == "join" and values:
            items = list(values[0])
            separator = str(values[1]) if len(values) > 1 else kwargs.get("d", "")
            _check_growth("join", separator, (items,))
            args = tuple(items if arg is values[0] else arg for arg in args)
        return filter_function(*args, **kwargs)

    checked.__dict__.update(getattr(filter_function, "__dict__", {}))
    return checked


class _BoundedCodeGenerator(CodeGenerator):
    """Jinja's compiler, with every loop's steps counted and every ~ bounded."""

    def visit_For(self, node: nodes.For, frame: Frame) -> None:
        counted = nodes.Call(
            nodes.EnvironmentAttribute("pressgen_steps"), [node.iter], [], None, None
        )
        super().visit_For(nodes.For(node.target, counted, node.body, node.else_, node.test,
                                    node.recursive, lineno=node.lineno), frame)  # fmt: skip

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.pressgen_bounded_text(")
        super().visit_Concat(node, frame)
        self.write(")")


def _check_format(text: str) -> None:
    if _WIDE_FORMAT.search(text) or _WIDE_FIELD.search(text):
        raise SecurityError(_("format widths over {limit} are not allowed").format(limit=MAX_WIDTH))


def _check_width(value: Any) -> None:
    if isinstance(value, int) and abs(value) > MAX_WIDTH:
        raise SecurityError(
            _("a width or count over {limit} is not allowed").format(limit=MAX_WIDTH)
        )


def _bounded(filter_function: Callable[..., Any]) -> Callable[..., Any]:
    """A Jinja filter whose numeric arguments (widths, counts) are bounded."""

    def bounded(*args: Any, **kwargs: Any) -> Any:
        for value in (*args[1:], *kwargs.values()):
            _check_width(value)
        return filter_function(*args, **kwargs)

    bounded.__dict__.update(filter_function.__dict__)  # keeps pass_context and the like
    return bounded


def _format_filter(value: str, *args: Any, **kwargs: Any) -> str:
    _check_format(str(value))
    return jinja_filters.do_format(value, *args, **kwargs)


def _multiply(left: Any, right: Any) -> Any:
    for sequence, count in ((left, right), (right, left)):
        repeated = isinstance(sequence, str | list | tuple) and isinstance(count, int)
        if repeated and len(sequence) * count > MAX_REPEAT:
            raise SecurityError(
                _("a repetition longer than {limit} is not allowed").format(limit=MAX_REPEAT)
            )
    return left * right


def _power(base: Any, exponent: Any) -> Any:
    whole = isinstance(base, int) and isinstance(exponent, int) and exponent > 0
    if whole and max(abs(base), 1).bit_length() * exponent > MAX_POWER_BITS:
        raise SecurityError(
            _("a number of more than {limit} bits is not allowed").format(limit=MAX_POWER_BITS)
        )
    return base**exponent


def _modulo(left: Any, right: Any) -> Any:
    if isinstance(left, str):
        _check_format(left)
    return left % right


# The data fields of each presentation type, which templates may read.
_FIELDS = {kind: frozenset(field.name for field in fields(kind)) for kind in TEMPLATE_TYPES}


class TemplateSandbox(SandboxedEnvironment):
    """Jinja's sandbox turned into an allow-list: plain data in, nothing else out."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})
    code_generator_class = _BoundedCodeGenerator

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.binop_table = {
            **self.binop_table,
            "*": _multiply,
            "**": _power,
            "%": _modulo,
            "+": _add,
        }
        self.pressgen_steps = _counted_steps
        self.pressgen_bounded_text = _bounded_text
        self.globals = {
            "range": _bounded_range,
            "dict": dict,
            "cycler": Cycler,
            "joiner": Joiner,
            "namespace": Namespace,
        }
        for name in ("center", "indent", "batch", "slice", "truncate", "wordwrap"):
            self.filters[name] = _bounded(self.filters[name])
        self.filters["format"] = _format_filter
        for name in ("replace", "join"):
            self.filters[name] = _growth_checked(name, self.filters[name])
        self.filters = {name: _result_bounded(f) for name, f in self.filters.items()}

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if attr.startswith("_"):
            return False
        if isinstance(obj, Record):
            return attr in obj or attr in _MAPPING_METHODS
        if isinstance(obj, str):
            return attr in _STR_METHODS
        if isinstance(obj, dict | MappingProxyType):
            return attr in _MAPPING_METHODS
        if isinstance(obj, dt.date | dt.time):
            return attr in _DATE_FIELDS
        if isinstance(obj, LoopContext | Cycler | Namespace | TemplateModule):
            return True
        if isinstance(obj, Macro):
            return attr in _MACRO_FIELDS
        if isinstance(obj, BlockReference):
            return attr == "super"
        if isinstance(obj, prose.LinkList):
            return attr in ("urls", "number")
        if isinstance(obj, TEMPLATE_TYPES):
            return attr in _FIELDS[type(obj)]
        return False

    def is_safe_callable(self, obj: Any) -> bool:
        if isinstance(obj, Macro | BlockReference | LoopContext | Joiner):
            return True
        if getattr(obj, "pressgen_sandboxed_format", False):
            return True  # str.format, wrapped by Jinja to check every field it reads
        if obj is _counted_steps or any(obj is allowed for allowed in self.globals.values()):
            return True
        owner = getattr(obj, "__self__", None)
        name = getattr(obj, "__name__", "")
        if owner is None or isinstance(owner, type):
            return False
        return self.is_safe_attribute(owner, name, obj)

    def _load_template(
        self, name: str, globals: MutableMapping[str, Any] | None
    ) -> jinja2.Template:
        template = super()._load_template(name, globals)
        used = _used.get(None)
        if used is not None and template.filename:
            used.append(template.filename)
        return template

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(__obj, jinja2.Undefined):
            __obj._fail_with_undefined_error()  # says which field is missing
        _spend("calls")
        owner, method = getattr(__obj, "__self__", None), getattr(__obj, "__name__", "")
        if isinstance(owner, str) and method in _WIDENING_METHODS:
            for value in (*args, *kwargs.values()):
                _check_width(value)
        if isinstance(owner, str):
            if method == "join" and args and not isinstance(args[0], list | tuple | str):
                args = (list(args[0]), *args[1:])  # a generator (|map) is counted too
            _check_growth(method, owner, args)
        return _bounded_text(super().call(__context, __obj, *args, **kwargs))

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        _check_format(value.__self__)
        wrapped.pressgen_sandboxed_format = True  # type: ignore[attr-defined]
        return wrapped


class _StrictUndefined(jinja2.StrictUndefined):
    """Says in plain words which field a template asked for that is not there."""

    __slots__ = ()

    @property
    def _undefined_message(self) -> str:
        owner = self._undefined_obj
        if isinstance(owner, Record) and self._undefined_hint is None:
            known = ", ".join(owner) or _("none")
            return _("there is no field {field} here; the fields are: {known}").format(
                field=repr(self._undefined_name), known=known
            )
        return str(super()._undefined_message)


class _ContainedLoader(jinja2.FileSystemLoader):
    """A folder of templates; a name that leads outside it (by a symbolic link) is not found.

    The check comes before the file is opened: nothing outside is even read.
    """

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)
        for folder in self.searchpath:
            root = Path(folder).resolve()
            candidate = Path(folder, *pieces)
            if not candidate.is_file():
                continue
            if not candidate.resolve().is_relative_to(root):
                reason = f"{template} leads outside its templates folder"
                raise jinja2.TemplateNotFound(template, reason)
            return super().get_source(environment, template)
        raise jinja2.TemplateNotFound(template)


# ---------------------------------------------------------------- compiled templates


def cache_dir() -> Path | None:
    """Where compiled templates are kept between runs; None when switched off.

    PRESSGEN_CACHE_DIR names the folder (empty: no cache); by default
    $XDG_CACHE_HOME/pressgen, or ~/.cache/pressgen.
    """
    chosen = os.environ.get("PRESSGEN_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "pressgen"


def private_folder(folder: Path) -> bool:
    """Whether only this user can write into `folder` (made, mode 700, when missing).

    Compiled templates are run as code: a folder someone else can write to
    could hold theirs, so such a folder is never used.
    """
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.lstat()
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode):
        return False  # a symbolic link or a file
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return False
    return not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


@cache
def _code_stamp() -> str:
    """Which pressgen code compiled the templates: Jinja folds a filter applied to a constant
    into the compiled code, so a changed filter must not find old code in the cache."""
    package = Path(__file__).resolve().parent.parent
    stamps = []
    for source in sorted(package.rglob("*.py")):
        info = source.stat()
        stamps.append(f"{source.relative_to(package)}:{info.st_mtime_ns}:{info.st_size}")
    return hashlib.sha256("\n".join(stamps).encode()).hexdigest()[:12]


def _bytecode_cache(env: jinja2.Environment) -> jinja2.BytecodeCache | None:
    """Jinja's file cache of compiled templates: a cold build saves compiling 20 of them.

    Jinja checks each entry against its template's source; the file names also
    carry what else shapes the compiled code (environment kind, whitespace
    settings, Jinja version, pressgen's own code), so a change never reuses old code.
    """
    folder = cache_dir()
    if folder is None or not private_folder(folder):
        return None  # no cache folder of our own: compile every time
    shape = repr(
        (type(env).__name__, env.trim_blocks, env.lstrip_blocks, env.keep_trailing_newline,
         jinja2.__version__, _code_stamp())
    )  # fmt: skip
    tag = hashlib.sha256(shape.encode()).hexdigest()[:12]
    return jinja2.FileSystemBytecodeCache(str(folder), f"template-{tag}-%s.cache")


# ---------------------------------------------------------------- filters

_ORDINARY_SPACE = re.compile(r"[ \t\r\n]+")


def wrap(text: str, width: int = TEXT_WIDTH, indent: str = "", first: str | None = None) -> str:
    """Fill a paragraph to `width` columns; words longer than a line stay whole."""
    _check_width(width)
    return textwrap.fill(
        # Fold ordinary white space only: non-breaking spaces must keep their words together.
        " ".join(_ORDINARY_SPACE.split(text.strip(" \t\r\n"))),
        width=width,
        initial_indent=indent if first is None else first,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )


def with_utm(url: str, utm: Any) -> str:
    """The web address with utm_source, utm_medium and utm_campaign added (http/https only)."""
    parts = urlsplit(url)
    if utm is None or parts.scheme.lower() not in ("http", "https"):
        return url
    query = parse_qsl(parts.query, keep_blank_values=True)
    present = {key for key, _value in query}
    for key, value in (
        ("utm_source", utm.source),
        ("utm_medium", utm.medium),
        ("utm_campaign", utm.campaign),
    ):
        if key not in present:
            query.append((key, value))
    return urlunsplit(parts._replace(query=urlencode(query)))


def _utm(context: jinja2.runtime.Context) -> Any:
    event = context.get("event")
    newsletter = getattr(event, "newsletter", None)
    return getattr(newsletter, "utm", None) if context.get("campaign_links") else None


@jinja2.pass_context
def _link(context: jinja2.runtime.Context, url: str) -> str:
    return with_utm(url, _utm(context))


@jinja2.pass_context
def _prose_html(context: jinja2.runtime.Context, text: str) -> Markup:
    utm = _utm(context)
    return prose.to_html(text, link=lambda url: with_utm(url, utm))


@jinja2.pass_context
def _prose_text(context: jinja2.runtime.Context, text: str, links: prose.LinkList) -> str:
    utm = _utm(context)
    return prose.to_text(text, links, link=lambda url: with_utm(url, utm))


def _in_language(
    module: Literal["phrases", "typography"], name: str, styled: bool = False
) -> Callable[..., str]:
    """A filter in the rendered edition's language (German, or English for the English
    edition), with its typography settings when `styled`."""

    @jinja2.pass_context
    def filtered(context: jinja2.runtime.Context, value: Any) -> str:
        language = LANGUAGES[context.get("language", "de")]
        function = getattr(getattr(language, module), name)
        if not styled:
            return str(function(value))
        return str(function(value, language.style(context["event"])))

    return filtered


def make_environment(template_dirs: Sequence[Path] = ()) -> jinja2.Environment:
    """The one Jinja environment: sandboxed, strict about missing values, escaping HTML and MJML.

    Templates in `template_dirs` (a press office's own) take precedence, file by
    file, over the built-in ones, and can extend a built-in template of the same
    name as "!builtin/NAME".
    """
    builtin = _ContainedLoader(builtin_templates_dir())
    loader = jinja2.ChoiceLoader(
        [
            _ContainedLoader(list(template_dirs)),
            jinja2.PrefixLoader({"!builtin": builtin}),
            builtin,
        ]
    )
    env = TemplateSandbox(
        loader=loader,
        autoescape=_autoescape,
        undefined=_StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.bytecode_cache = _bytecode_cache(env)
    env.filters.update(
        date_long=_in_language("typography", "date_long", styled=True),
        date_with_weekday=_in_language("typography", "date_with_weekday", styled=True),
        date_numeric=_in_language("typography", "date_numeric", styled=True),
        time_of_day=_in_language("typography", "time_of_day", styled=True),
        attribution=_in_language("phrases", "full_name"),
        postal_address=typography.postal_address,
        place=_in_language("phrases", "place"),
        wrap=wrap,
        on_dark=colour.for_dark_background,
        # Links in the newsletter carry campaign parameters when the data asks for them.
        link=_link,
        prose_html=_prose_html,
        prose_text=_prose_text,
        # These follow the event's typography settings.
        quoted=_in_language("typography", "quoted", styled=True),
        and_list=_in_language("typography", "join", styled=True),
        number=_in_language("typography", "number", styled=True),
        programme_heading=_in_language("phrases", "programme_heading", styled=True),
    )
    return env


@cache
def environment(
    template_dirs: tuple[Path, ...] = (), fingerprint: tuple[tuple[str, int], ...] = ()
) -> jinja2.Environment:
    """The shared environment for these template folders, built once per process.

    `fingerprint` names the files in them: Jinja notices a changed template but
    not a new one that hides a built-in, so a new file means a new environment.
    """
    return make_environment(template_dirs)


def template_fingerprint(template_dirs: Sequence[Path]) -> tuple[tuple[str, int], ...]:
    """Every file below the template folders with its modification time."""
    return tuple(
        (str(path), path.stat().st_mtime_ns)
        for folder in template_dirs
        for path in sorted(folder.rglob("*.j2"))
    )


def render_template(
    name: str,
    data: dict[str, Any],
    env: jinja2.Environment | None = None,
    used: list[str] | None = None,
    **extra: Any,
) -> str:
    """Render one template; any mistake in it becomes a TemplateError with its line.

    `used`, when given, receives the files of every template the rendering loaded.
    """
    token = _budget.set(_Budget())
    used_token = _used.set(used if used is not None else [])
    try:
        template = (env or environment()).get_template(name)
        parts: list[str] = []
        size = 0
        for part in template.generate(data, links=prose.LinkList(), **extra):
            size += len(part)
            if size > MAX_OUTPUT_CHARS:
                raise SecurityError(
                    _("the output grows beyond {limit} characters").format(limit=MAX_OUTPUT_CHARS)
                )
            parts.append(part)
        return "".join(parts)
    except _TEMPLATE_FAILURES as error:
        raise TemplateError.located(error, name) from None
    finally:
        _budget.reset(token)
        _used.reset(used_token)
