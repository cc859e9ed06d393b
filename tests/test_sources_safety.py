"""Address policy: which addresses are refused, and what allowed_networks lets through."""


from __future__ import annotations

import ipaddress

import pytest
from _sources_server import connections  # noqa: F401  (fixture)

from vnextract.pipeline.sources.safety import (
    AddressPolicy,
    Unresolvable,
    UnsafeURL,
    blocked_reason,
)


@pytest.mark.parametrize(
    "address,reason",
    [
        ("8.8.8.8", None),
        ("203.113.131.1", None),  # a Vietnamese public address
        ("2001:4860:4860::8888", None),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("192.168.0.1", "private"),
        ("127.0.0.53", "loopback"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("fc00::1", "private"),
        ("::1", "loopback"),
        ("::ffff:192.168.1.1", "private"),
        ("224.0.0.251", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("240.0.0.1", "reserved"),
        ("100.64.1.1", "not globally routable"),
        ("192.0.2.1", "private"),  # documentation range
    ],
)
def test_safety_blocked_reason_table(address: str, reason: str | None):
    assert blocked_reason(ipaddress.ip_address(address)) == reason


def test_safety_any_private_answer_refuses_the_name():
    policy = AddressPolicy(resolver=lambda host, port: ["8.8.8.8", "10.0.0.1"])
    with pytest.raises(UnsafeURL, match="10.0.0.1"):
        policy.check_url("https://mixed.test/")


def test_safety_allowed_networks_and_allow_private():
    assert AddressPolicy(allowed_networks=["10.8.0.0/16"]).check_ip("10.8.1.1", "h") is None
    with pytest.raises(UnsafeURL):
        AddressPolicy(allowed_networks=["10.8.0.0/16"]).check_ip("10.9.1.1", "h")
    assert AddressPolicy(allow_private=True).check_ip("169.254.1.1", "h") is None


def test_safety_unresolvable_is_not_a_policy_refusal():
    def fail(host: str, port: int) -> list[str]:
        raise OSError("no such host")

    with pytest.raises(Unresolvable):
        AddressPolicy(resolver=fail).check_url("http://nowhere.test/")
