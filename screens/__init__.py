"""The Textual UI of coopwizard: it asks coopwizard/ and shows the answer."""
