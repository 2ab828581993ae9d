"""The English edition: its phrases and typography, beside pressgen.german."""
