"""The form offers what the kind's profile takes: a decision's articles, not a covenant's members."""

from __future__ import annotations


def names(client, kind: str) -> set[str]:
    spec = client.get(f"/api/form?kind={kind}").json()
    return {f["name"] for f in spec["root"]["fields"]}


def test_each_kind_gets_the_fields_its_profile_takes(client):
    decision = names(client, "quyet_dinh")
    assert {"enacted_by", "proposal", "articles", "annexes", "urgency"} <= decision
    assert not {"members", "purposes", "addressees", "drafting_unit"} & decision
    letter = names(client, "cong_van")
    assert {"addressees", "drafting_unit"} <= letter and "title" not in letter
    report = names(client, "bao_cao")
    assert {"results", "shortcomings", "plans", "proposals"} <= report
    launch = names(client, "phat_dong")
    assert "articles" not in launch and "enacted_by" not in launch and "purposes" in launch


def test_every_field_of_the_new_kinds_is_labelled(client):
    for kind in ("quyet_dinh", "cong_van", "to_trinh", "bao_cao", "thong_bao"):
        spec = client.get(f"/api/form?kind={kind}").json()
        models = [spec["root"], *spec["models"].values()]
        assert [
            (m["model"], f["name"]) for m in models for f in m["fields"] if f["label"] == f["name"]
        ] == [], kind


def test_the_regime_is_a_choice_of_the_profiles_found(client):
    from generator.regimes import available_regimes

    spec = client.get("/api/form?kind=ke_hoach").json()
    node = next(f["node"] for f in spec["root"]["fields"] if f["name"] == "regime")
    found = available_regimes()
    assert node["type"] == "enum" and node["values"][0] == "nha_nuoc" == node["default"]
    assert set(node["values"]) == set(found) >= {"dang", "doan"}
    assert node["labels"] == {name: r.label for name, r in found.items()}
