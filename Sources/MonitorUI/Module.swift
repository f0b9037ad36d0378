// MonitorUI module.
