"""The Streamlit shell around the ecomap library: one small module per part of the screen."""
