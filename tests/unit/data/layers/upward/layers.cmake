# SPDX-License-Identifier: GPL-3.0-or-later
# Fixture of core.layers.includes-sees-upward: two layers, one upward include.
set(ABG_LAYERS model rules)
set(ABG_DEPS_model)
set(ABG_DEPS_rules model)
