"""Readers of a customer's words, one module per field or family of fields, over `parsers.vocabulary`.

- `kind`: the case type and priority;
- `people`: scope, affected users and the requested handler;
- `consent`: whether the vendor may log in, and whether personal data is involved;
- `dates`: when the problem was seen, and whether it comes back;
- `app`: the browser, and the Landax App's platform and version;
- `ids`: the customer's instance, the module and the registration id;
- `language`: the language to answer in;
- `text`: what they share (vocabulary expressions, negation, clauses and sentences).

`parsers.extract` composes them into `Fields`. Each reader is a pure function over text and returns
None (or nothing) when the text does not state its field: a wrong value is worse than a question.
"""
