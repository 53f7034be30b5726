"""Data tables of the demo catalog (resources/catalog/demo-catalog.json).

scripts/build_demo_catalog.py assembles these into the JSON file; edit the tables and
re-run it rather than editing the JSON by hand, so codes and references stay consistent.
The content is a plausible pilot for a branch in Kunming (云南省昆明市五华区) with
a neighbouring prefecture (楚雄彝族自治州); it is demo data, not an official list.
"""
