"""The course file models, declared once; JSON Schemas are generated from them."""
