// WireProtocol module.
