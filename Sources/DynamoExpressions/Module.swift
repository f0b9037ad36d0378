// DynamoExpressions module.
