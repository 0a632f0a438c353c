"""Item quality: checks that questions measure knowledge, not test-wiseness (`course check`),
and what a learner without knowledge would score (`course items`)."""
