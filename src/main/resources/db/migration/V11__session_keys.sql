-- A user's sessions carry this key in a second cookie; changing it (sign-out, new password, deletion) ends every
-- session made before, which the encrypted session cookie alone could not do before it expires.
ALTER TABLE app_user ADD COLUMN session_key VARCHAR(64);
