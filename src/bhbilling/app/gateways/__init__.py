"""Clearinghouse connections behind ``application.ports.ClearinghouseGateway``."""

from bhbilling.app.gateways.factory import GatewayNotConfigured, gateway_for

__all__ = ["GatewayNotConfigured", "gateway_for"]
