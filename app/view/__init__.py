"""What the window draws of a session, worked out without Qt and kept by locus id.

Above the session on the data path: the view model follows a
:class:`~app.session.session.Session` and the widgets follow the view model, so a
widget needs these types and never the session itself.
"""
