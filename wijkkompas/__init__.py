"""Wijkkompas: neighbourhood profiles and a shared buurtagenda for the Dutch wijkaanpak."""
