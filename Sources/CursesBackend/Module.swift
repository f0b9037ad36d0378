// CursesBackend module.
