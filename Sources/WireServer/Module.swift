// WireServer module.
