"""The rule pack: `rules.yaml` read and validated against the check types and parts."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from generator.check.catalog import all_checks
from generator.check.parts import PART_LABELS
from generator.check.registry import span
from generator.regimes import SIZE_KEYS, RegimeError, get_regime


class RulePackError(Exception):
    """The rule pack cannot be used (bad YAML, unknown check type or part)."""


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")
    source: str
    severity: Literal["error", "warning"]
    part: str
    check: str
    title: str
    """What the rule requires, in Vietnamese, as shown to the user."""
    params: dict[str, Any] = Field(default_factory=dict)
    exclude: list[str] = Field(default_factory=list)
    """Parts whose paragraphs are left out of `part` for this rule."""
    regimes: list[str] | None = None
    """The regimes (templates/regimes/) whose documents the rule applies to; none: all."""
    regime_size: str | None = None
    """A size of the regime profiles (`sizes:`, e.g. `title`): a document whose regime
    names it is checked against that range instead of `params` (see `for_regime`); a
    rule without `min`/`max` is left out for a regime that does not name it."""

    def applies_to(self, regime: str) -> bool:
        return self.regimes is None or regime in self.regimes

    def for_regime(self, regime: str) -> Rule | None:
        """This rule as it applies to a document of `regime`: with the profile's size range
        (templates/regimes/<regime>.regime.yaml, `sizes:`) where it names one, so sizes
        are data of the profile alone; None when it does not apply."""
        if not self.applies_to(regime):
            return None
        if self.regime_size is None:
            return self
        try:
            profile = get_regime(regime)
        except RegimeError:
            profile = None
        found = profile.sizes.get(self.regime_size) if profile else None
        if found is None:
            return self if "min" in self.params else None
        low, high = found
        return self.model_copy(
            update={
                "id": f"{regime}.{self.id.split('.', 1)[1]}",
                "source": f"{profile.sizes_source} ({profile.name}.regime.yaml, "
                f"sizes.{self.regime_size})",
                "params": {**self.params, "min": low, "max": high},
                "title": f"{PART_LABELS[self.part]} cỡ chữ {span(low, high, 'pt')} "
                f"(thể thức `{regime}`)",
            }
        )


class RulePack(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    pack: str
    version: int
    rules: list[Rule]


def _validate(pack: RulePack, origin: str) -> RulePack:
    seen: set[str] = set()
    for rule in pack.rules:
        if rule.id in seen:
            raise RulePackError(f"{origin}: quy tắc {rule.id} khai báo hai lần")
        seen.add(rule.id)
        if rule.check not in all_checks():
            raise RulePackError(f"{origin}: {rule.id}: không có kiểu kiểm tra «{rule.check}»")
        for part in [rule.part, *rule.exclude]:
            if part not in PART_LABELS:
                raise RulePackError(f"{origin}: {rule.id}: không có phần «{part}»")
        if rule.regime_size is not None and rule.regime_size not in SIZE_KEYS:
            raise RulePackError(
                f"{origin}: {rule.id}: không có cỡ chữ «{rule.regime_size}» trong hồ sơ thể thức "
                f"(có: {', '.join(SIZE_KEYS)})"
            )
    return pack


def load_rules(path: str | Path | None = None) -> RulePack:
    """The default pack shipped with the package, or the pack at `path`."""
    if path is None:
        return _default_pack()
    return _load_text(Path(path).read_text(encoding="utf-8"), str(path))


@lru_cache(maxsize=1)
def _default_pack() -> RulePack:
    text = resources.files("generator.check").joinpath("rules.yaml").read_text(encoding="utf-8")
    return _load_text(text, "rules.yaml")


def _load_text(text: str, origin: str) -> RulePack:
    try:
        data = YAML(typ="safe").load(text)
        pack = RulePack.model_validate(data)
    except (YAMLError, ValidationError) as exc:
        raise RulePackError(f"{origin}: {exc}") from exc
    return _validate(pack, origin)
