#!/usr/bin/env bash
# Formats the sources in place, then lints strictly (the same check CI runs).
set -euo pipefail
cd "$(dirname "$0")/.."
swift format format --in-place --recursive Sources Tests Fuzz Package.swift
swift format lint --strict --recursive Sources Tests Fuzz Package.swift
