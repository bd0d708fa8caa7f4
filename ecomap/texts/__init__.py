"""Words: the text catalog, names for the model's choices, and the texts built from a map."""
