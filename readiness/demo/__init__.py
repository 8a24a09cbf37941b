"""The demo engagement "Northwind Retail": a retail chain (seed 001) as a consultant would meet it."""
from .services import DemoResult, load_demo

__all__ = ["DemoResult", "load_demo"]
