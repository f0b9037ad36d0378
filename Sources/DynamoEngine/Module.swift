// DynamoEngine module.
