// The floor of every cold start: a function that loads nothing.
exports.main = async () => null;
